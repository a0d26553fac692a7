package org.knet4j.core.internal.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins installed right now (OSGi services or ServiceLoader entries), indexed by the name the API uses.
 * Written by service events, read lock-free by handles; listeners hear about arrivals and departures so that
 * handles can move links and crypto/compression to another provider.
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    /** Told when a plugin arrives or leaves. */
    public interface Listener {
        void transportAdded(Transport t);

        void transportRemoved(Transport t);

        void cryptoChanged();

        void compressChanged();
    }

    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final List<CryptoProvider> crypto = new CopyOnWriteArrayList<>();
    private final List<Compressor> compressors = new CopyOnWriteArrayList<>();
    private final AtomicReferenceArray<Compressor> byWireId = new AtomicReferenceArray<>(256);
    /** A decompressor whose service went away with no other provider of its wire id, kept for in-flight packets. */
    private final AtomicReferenceArray<Retiring> retiring = new AtomicReferenceArray<>(256);
    /** Longer than a packet spends in socket buffers and the receive path, short enough not to outlive a bundle. */
    static final long RETIRE_GRACE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

    private record Retiring(Compressor compressor, long untilNanos) {
    }
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public void addTransport(Transport t) {
        Transport first = transports.putIfAbsent(t.name(), t);
        if (first != null) {
            // a plugin registered twice (or two plugins claim one name): the links stay on the first
            LOG.error("transport {} registered twice ({} and {}): the second is ignored", t.name(), first, t);
            return;
        }
        for (Listener l : listeners) {
            l.transportAdded(t);
        }
    }

    public void removeTransport(Transport t) {
        if (transports.remove(t.name(), t)) {
            for (Listener l : listeners) {
                l.transportRemoved(t);
            }
        }
    }

    public Transport transport(String name) {
        return transports.get(name);
    }

    public Transport transportById(int id) {
        for (Transport t : transports.values()) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    public List<Transport> transports() {
        return new ArrayList<>(transports.values());
    }

    public void addCrypto(CryptoProvider p) {
        for (CryptoProvider other : crypto) {
            if (other.model().equals(p.model())) {
                LOG.error("crypto model {} registered twice ({} and {}): the first serves it, the second stands by",
                        p.model(), other, p);
                break;
            }
        }
        crypto.add(p);
        listeners.forEach(Listener::cryptoChanged);
    }

    public void removeCrypto(CryptoProvider p) {
        crypto.remove(p);
        listeners.forEach(Listener::cryptoChanged);
    }

    /** A provider serving {@code model} by its own name or an alias; its own name wins. */
    public CryptoProvider crypto(String model) {
        for (CryptoProvider p : crypto) {
            if (p.model().equals(model)) {
                return p;
            }
        }
        for (CryptoProvider p : crypto) {
            if (p.aliases().contains(model)) {
                return p;
            }
        }
        return null;
    }

    public List<String> cryptoModels() {
        List<String> names = new ArrayList<>();
        for (CryptoProvider p : crypto) {
            if (!names.contains(p.model())) {
                names.add(p.model());
            }
            for (String a : p.aliases()) {
                if (!names.contains(a)) {
                    names.add(a);
                }
            }
        }
        return names;
    }

    public synchronized void addCompressor(Compressor c) {
        for (Compressor other : compressors) {
            if (other.model().equals(c.model()) || other.wireId() == c.wireId()) {
                LOG.error("compress model {} (wire id {}) registered twice ({} and {}): the first serves it, the "
                        + "second stands by", c.model(), c.wireId(), other, c);
                break;
            }
        }
        compressors.add(c);
        if (c.wireId() > 0 && c.wireId() < 256 && byWireId.get(c.wireId()) == null) {
            byWireId.set(c.wireId(), c);
            retiring.set(c.wireId(), null);
        }
        listeners.forEach(Listener::compressChanged);
    }

    public synchronized void removeCompressor(Compressor c) {
        compressors.remove(c);
        int id = c.wireId();
        if (id > 0 && id < 256 && byWireId.get(id) == c) {
            byWireId.set(id, null);
            for (Compressor other : compressors) {
                if (other.wireId() == id) {
                    byWireId.set(id, other);
                    break;
                }
            }
            if (byWireId.get(id) == null) {
                // senders stop compressing with it now (listeners below); packets already compressed and still on
                // their way are decoded by the departing provider for a short grace, then counted and dropped
                retiring.set(id, new Retiring(c, System.nanoTime() + RETIRE_GRACE_NANOS));
            }
        }
        listeners.forEach(Listener::compressChanged);
    }

    public Compressor compressor(String model) {
        for (Compressor c : compressors) {
            if (c.model().equals(model)) {
                return c;
            }
        }
        return null;
    }

    /** The decompressor for a wire id, lock-free for the receive path. */
    public Compressor compressorById(int wireId) {
        Compressor c = byWireId.get(wireId & 0xff);
        if (c != null) {
            return c;
        }
        Retiring r = retiring.get(wireId & 0xff);
        return r != null && System.nanoTime() - r.untilNanos() < 0 ? r.compressor() : null;
    }

    public List<String> compressModels() {
        List<String> names = new ArrayList<>();
        for (Compressor c : compressors) {
            if (!names.contains(c.model())) {
                names.add(c.model());
            }
        }
        return names;
    }
}
