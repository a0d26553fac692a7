package org.knet4j.reliability.fault;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/** This process's footprint as the soak watches it: heap after a full GC, live threads, open fds, held buffers. */
public final class ResourceProbe {
    private final PooledByteBufAllocator alloc;
    private final IntSupplier kept;

    /**
     * @param kept buffers the engine keeps for reuse ({@code EntryBuffers}' bounded free lists): live in the
     *        allocator, but not held by anything in flight, so not counted as held
     */
    ResourceProbe(PooledByteBufAllocator alloc, IntSupplier kept) {
        this.alloc = alloc;
        this.kept = kept;
    }

    /** {@code heap_after_gc_kb=N threads=N fds=N live_buffers=N} */
    String sample() {
        // two collections: the first may only queue finalizable/cleaner work that the second then frees
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return "heap_after_gc_kb=" + heap / 1024 + " threads=" + threads + " fds=" + openFds()
                + " live_buffers=" + liveBuffers();
    }

    /** Buffers taken from the engine's allocator and not released (messages in flight or queued). */
    long liveBuffers() {
        return liveBuffers(alloc) - kept.getAsInt();
    }

    /** Buffers taken from {@code alloc} and not yet released, over its direct and heap arenas. */
    public static long liveBuffers(PooledByteBufAllocator alloc) {
        long n = 0;
        for (PoolArenaMetric m : alloc.metric().directArenas()) {
            n += m.numActiveAllocations();
        }
        for (PoolArenaMetric m : alloc.metric().heapArenas()) {
            n += m.numActiveAllocations();
        }
        return n;
    }

    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
