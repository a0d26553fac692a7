package org.knet4j.core.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.TransportInfo;
import org.knet4j.api.TransportType;
import org.knet4j.core.internal.handle.KnetHandleImpl;
import org.knet4j.core.internal.plugin.PluginRegistry;
import org.knet4j.spi.transport.Transport;

/**
 * The engine behind {@link Knet}: the plugin registry and the live handles. The same object serves OSGi (through
 * {@link KnetComponent}) and plain Java (through {@code Knet4j.create()}).
 */
public final class KnetImpl implements Knet {
    /** LOOPBACK is built in, as in libknet's transports table. */
    private static final String LOOPBACK = "LOOPBACK";

    private final PluginRegistry plugins = new PluginRegistry();
    private final List<KnetHandle> handles = new CopyOnWriteArrayList<>();
    private final ByteBufAllocator alloc;

    public KnetImpl() {
        this(newAllocator());
    }

    /**
     * The engine's own buffer pool (send-queue and channel-queue entries), with 16 MiB chunks instead of Netty's
     * 4 MiB: a 64 KiB message is not kept in a thread cache (Netty caches up to 32 KiB), so with small chunks a
     * backlog of a few dozen big messages that drains again made the pool free a chunk and allocate a new one
     * over and over. Two arenas: the threads that allocate here (senders, I/O threads) rarely meet in one.
     */
    private static ByteBufAllocator newAllocator() {
        return new PooledByteBufAllocator(true, 0, ARENAS, PAGE_SIZE, MAX_ORDER,
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(), true);
    }

    /** Pages of 8 KiB, chunks of 8 KiB << 11 = 16 MiB (the UDP transport's pool has the same shape). */
    private static final int PAGE_SIZE = 8192;
    private static final int MAX_ORDER = 11;
    private static final int ARENAS = 2;

    public KnetImpl(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    @Override
    public KnetHandle newHandle(HandleOptions options) throws KnetException {
        if (options == null) {
            throw new KnetException(KnetError.EINVAL, "options must not be null");
        }
        if (options.hostId() < 0 || options.hostId() >= KnetHandle.MAX_HOST) {
            throw new KnetException(KnetError.EINVAL, "host id " + options.hostId() + " is outside 0..65535");
        }
        KnetHandle[] self = new KnetHandle[1];
        KnetHandleImpl h = new KnetHandleImpl(options, plugins, alloc, () -> handles.remove(self[0]));
        self[0] = h;
        handles.add(h);
        return h;
    }

    @Override
    public List<KnetHandle> handles() {
        return List.copyOf(handles);
    }

    /** Close every handle (the component is going away). */
    public void closeAll() {
        for (KnetHandle h : handles) {
            h.close();
        }
        handles.clear();
    }

    @Override
    public List<TransportInfo> transportList() {
        List<TransportInfo> list = new ArrayList<>();
        list.add(new TransportInfo(LOOPBACK, TransportType.LOOPBACK));
        for (Transport t : plugins.transports()) {
            list.add(new TransportInfo(t.name(), t.id()));
        }
        list.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return list;
    }

    @Override
    public String transportNameById(int id) throws KnetException {
        if (id < 0 || id >= TransportType.MAX_TRANSPORTS) {
            throw new KnetException(KnetError.EINVAL, "transport id " + id + " is outside 0..254");
        }
        for (TransportInfo t : transportList()) {
            if (t.id() == id) {
                return t.name();
            }
        }
        throw new KnetException(KnetError.ENOENT, "transport id " + id + " is not installed");
    }

    @Override
    public int transportIdByName(String name) throws KnetException {
        if (name == null) {
            throw new KnetException(KnetError.EINVAL, "transport name must not be null");
        }
        for (TransportInfo t : transportList()) {
            if (t.name().equals(name)) {
                return t.id();
            }
        }
        throw new KnetException(KnetError.EINVAL, "transport '" + name + "' is not installed (names are "
                + "case-sensitive)");
    }

    @Override
    public List<String> cryptoList() {
        return plugins.cryptoModels();
    }

    @Override
    public List<String> compressList() {
        return plugins.compressModels();
    }
}
