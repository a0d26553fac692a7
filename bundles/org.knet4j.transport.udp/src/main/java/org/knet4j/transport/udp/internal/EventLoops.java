package org.knet4j.transport.udp.internal;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O threads of one transport instance: native epoll when its library loads (and is not switched off with
 * {@code -Dknet4j.udp.nio=true}), NIO otherwise. Created on first use, shut down with the transport so that no
 * thread outlives a stopped bundle.
 */
final class EventLoops {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final EventLoopGroup group;
    private final Class<? extends DatagramChannel> channelClass;
    private final boolean epoll;
    private final PooledByteBufAllocator alloc;
    private final EventLoop[] loops;

    EventLoops(int threads) {
        int n = GROUPS.incrementAndGet();
        AtomicInteger t = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread th = new Thread(r, "knet4j-udp-" + n + "-" + t.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
        boolean useEpoll = !Boolean.getBoolean("knet4j.udp.nio") && EpollSupport.available();
        IoHandlerFactory io = useEpoll ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, factory, io);
        this.channelClass = useEpoll ? EpollSupport.channelClass() : NioDatagramChannel.class;
        this.epoll = useEpoll;
        this.alloc = newAllocator(threads);
        List<EventLoop> all = new ArrayList<>();
        group.forEach(e -> all.add((EventLoop) e));
        this.loops = all.toArray(new EventLoop[0]);
        LOG.debug("UDP transport uses {}", useEpoll ? "native epoll" : "NIO");
    }

    /** Pages of 8 KiB, chunks of 8 KiB << 11 = 16 MiB. */
    private static final int PAGE_SIZE = 8192;
    private static final int MAX_ORDER = 11;

    /**
     * The sockets' own buffer pool, one arena per I/O thread, with 16 MiB chunks. A recvmmsg read buffer has
     * {@link UdpTransport#RECVMMSG_BATCH} slots of 64 KiB, 1 MiB in all: in Netty's default 4 MiB chunks a quarter
     * of a chunk, which moves the chunk to the list that frees it when it empties, so under load the pool kept
     * allocating (and zeroing) a new 4 MiB chunk every few reads; measured, that was 12% of the receiving process.
     * In a 16 MiB chunk a read buffer stays in the chunk list that is never freed. Its own pool also keeps other
     * Netty users in the same JVM (and their settings) out of our way.
     */
    private static PooledByteBufAllocator newAllocator(int arenas) {
        return new PooledByteBufAllocator(true, 0, arenas, PAGE_SIZE, MAX_ORDER,
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                true);
    }

    PooledByteBufAllocator allocator() {
        return alloc;
    }

    /** The I/O thread for sockets of this affinity ({@code SocketOptions.ioAffinity}): the same one each time. */
    EventLoop loopFor(int affinity) {
        return loops[Math.floorMod(affinity, loops.length)];
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends DatagramChannel> channelClass() {
        return channelClass;
    }

    boolean epoll() {
        return epoll;
    }

    /** Stop the threads, waiting a bounded time. */
    void shutdown() {
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3000);
    }
}
