package org.knet4j.spi.compress;

/**
 * A base for a {@link Compressor} of one libknet model: holds the three facts every model has (its name, its wire
 * id, its default level), so an implementation writes only its level rule and its codec.
 */
@org.osgi.annotation.versioning.ConsumerType
public abstract class ModelCompressor implements Compressor {
    private final String model;
    private final int wireId;
    private final int defaultLevel;

    protected ModelCompressor(String model, int wireId, int defaultLevel) {
        if (model == null || model.isEmpty()) {
            throw new IllegalArgumentException("a compression model needs a name");
        }
        if (wireId < 1 || wireId > 255) {
            throw new IllegalArgumentException("wire id " + wireId + " of model " + model + " is not 1..255");
        }
        this.model = model;
        this.wireId = wireId;
        this.defaultLevel = defaultLevel;
    }

    @Override
    public final String model() {
        return model;
    }

    @Override
    public final int wireId() {
        return wireId;
    }

    @Override
    public final int defaultLevel() {
        return defaultLevel;
    }
}
