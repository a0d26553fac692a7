package org.knet4j.transport.udp.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libknet's UDP transport (id 1) on Netty. One socket per bound address, 8 MiB socket buffers as libknet asks for,
 * and, for {@code KNET_LINK_FLAG_TRAFFICHIPRIO}, IP_TOS LOWDELAY (SO_PRIORITY has no Netty option; the TOS bits are
 * what routers see).
 */
@Component(service = Transport.class, property = Transport.SERVICE_PROPERTY + "=UDP")
public final class UdpTransport implements Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /**
     * A socket's outbound queue refuses more above this (back-pressure reaches the sender as "busy"). Kept small:
     * the kernel's socket buffer already absorbs bursts, and a long queue in front of it only adds delay.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    private static final int IPTOS_LOWDELAY = 0x10;
    /** The largest datagram a knet peer sends: a 65535-byte IPv4 packet less its headers. */
    static final int MAX_DATAGRAM = 65507;
    /** Datagrams one recvmmsg may return (each gets a MAX_DATAGRAM slot of the read buffer). */
    static final int RECVMMSG_BATCH = 16;

    private EventLoops loops;

    public UdpTransport() {
        // created lazily: a transport that never opens a socket starts no thread
    }

    private synchronized EventLoops loops() {
        if (loops == null) {
            // two I/O threads (this is a 2-core class of machine): sockets of different handles or links are
            // served in parallel, and one socket's sends never starve another's receives
            loops = new EventLoops(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        }
        return loops;
    }

    @Override
    public String name() {
        return "UDP";
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public int headerOverhead() {
        return 8;
    }

    /** True when the native epoll transport is in use. */
    public boolean nativeEpoll() {
        return loops().epoll();
    }

    @Override
    public TransportSocket open(InetSocketAddress local, SocketOptions options, PacketReceiver receiver)
            throws IOException {
        EventLoops l = loops();
        InboundHandler handler = new InboundHandler(receiver);
        ReusedReadBuffer readBuffer = new ReusedReadBuffer(l.epoll() ? RECVMMSG_BATCH * MAX_DATAGRAM : 65536);
        Bootstrap b = new Bootstrap()
                .group(l.loopFor(options.ioAffinity()))
                .channel(l.channelClass())
                .option(ChannelOption.ALLOCATOR, l.allocator())
                .option(ChannelOption.SO_RCVBUF, options.bufferBytes())
                .option(ChannelOption.SO_SNDBUF, options.bufferBytes())
                .option(ChannelOption.RCVBUF_ALLOCATOR, readBuffer)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 64)
                .handler(handler);
        if (l.epoll()) {
            EpollSupport.enableRecvmmsg(b, MAX_DATAGRAM);
        }
        if (options.trafficHiPrio()) {
            b.option(ChannelOption.IP_TOS, IPTOS_LOWDELAY);
        }
        ChannelFuture f = b.bind(local).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            if (c instanceof BindException be) {
                throw be;
            }
            throw new IOException("cannot bind " + local + ": " + c, c);
        }
        Channel ch = f.channel();
        if (l.epoll() && EpollSupport.disableFragmentation(ch) == 0) {
            LOG.warn("{}: cannot set IP_MTU_DISCOVER=PROBE; PMTUd may find a path MTU that needs fragmentation", local);
        }
        int granted = Math.min(ch.config().getOption(ChannelOption.SO_RCVBUF),
                ch.config().getOption(ChannelOption.SO_SNDBUF));
        if (options.forceBuffers() && granted < options.bufferBytes()) {
            ch.close().awaitUninterruptibly(2000);
            ch.eventLoop().execute(readBuffer::close);
            throw new IOException("socket buffers: wanted " + options.bufferBytes() + " got " + granted);
        }
        return new UdpSocket(ch, handler, WATER_MARK.high(), readBuffer);
    }

    /** Stop the I/O threads (bundle stopping, or a plain-Java user done with the transport). */
    @Deactivate
    @Override
    public synchronized void close() {
        if (loops != null) {
            loops.shutdown();
            loops = null;
        }
    }
}
