package org.knet4j.transport.udp.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
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
        LOG.debug("UDP transport uses {}", useEpoll ? "native epoll" : "NIO");
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
