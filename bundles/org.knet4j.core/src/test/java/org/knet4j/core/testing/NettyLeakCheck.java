package org.knet4j.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (PARANOID in tests, set by the build) reports a buffer that was
 * garbage-collected without being released. Registered for every test class by JUnit's extension auto-detection.
 *
 * <p>Netty only reports a leak when a later allocation polls its reference queue, so after the class this forces
 * a few GCs with allocations in between.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty buffers leaked in " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }

    /** Run the collector until Netty has looked at every dead buffer; return (and forget) what leaked. */
    public static List<String> collectLeaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(64); // makes the detector poll its queue
            probe.release();
            ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(64);
            heap.release();
        }
        List<String> found = List.copyOf(LEAKS);
        LEAKS.clear();
        return found;
    }

    /** A detector factory whose detectors remember what they report. */
    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType);
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
