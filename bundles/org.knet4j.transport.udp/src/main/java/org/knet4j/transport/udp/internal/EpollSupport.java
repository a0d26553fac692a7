package org.knet4j.transport.udp.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.socket.DatagramChannel;

/**
 * Everything that names the epoll classes, kept apart so that a framework without the native fragment (the epoll
 * import is optional) never loads them: {@link #available()} answers false when the package is missing.
 */
final class EpollSupport {
    private EpollSupport() {
    }

    static boolean available() {
        try {
            return io.netty.channel.epoll.Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the epoll package or its native library is not there
        }
    }

    static IoHandlerFactory ioHandlerFactory() {
        return io.netty.channel.epoll.EpollIoHandler.newFactory();
    }

    /**
     * Let the epoll channel read many datagrams per system call (recvmmsg): each slot of the read buffer holds one
     * datagram of up to {@code maxDatagram} bytes, so no knet packet (at most 65507 bytes) is ever truncated.
     */
    static void enableRecvmmsg(io.netty.bootstrap.Bootstrap b, int maxDatagram) {
        b.option(io.netty.channel.epoll.EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
    }

    /** {@code IPPROTO_IP} / {@code IP_MTU_DISCOVER} / {@code IP_PMTUDISC_PROBE} (linux/in.h). */
    private static final int SOL_IP = 0;
    private static final int IP_MTU_DISCOVER = 10;
    private static final int IP_PMTUDISC_PROBE = 3;
    /** {@code IPPROTO_IPV6} / {@code IPV6_MTU_DISCOVER} / {@code IPV6_PMTUDISC_PROBE} / {@code IPV6_DONTFRAG}. */
    private static final int SOL_IPV6 = 41;
    private static final int IPV6_MTU_DISCOVER = 23;
    private static final int IPV6_PMTUDISC_PROBE = 3;
    private static final int IPV6_DONTFRAG = 62;

    /**
     * Path-MTU discovery needs datagrams that are never fragmented: libknet 1.25 sets {@code IP_PMTUDISC_PROBE}
     * (IPv6: {@code IPV6_PMTUDISC_PROBE} and {@code IPV6_DONTFRAG}) on every socket (WIRE.md §6), so a probe larger
     * than the interface MTU fails with EMSGSIZE and one larger than the path is dropped on the way. With the
     * kernel's default ({@code IP_PMTUDISC_WANT}) a probe above the interface MTU is fragmented and arrives, and the
     * engine "discovers" 65535 behind a 1300-byte interface. Netty's epoll channel is usually an IPv6 socket that
     * also carries IPv4, so both families' options are tried; the one the socket does not have is refused and
     * ignored.
     *
     * @return how many of the options were set (0: the socket fragments as the kernel likes)
     */
    static int disableFragmentation(io.netty.channel.Channel ch) {
        int set = 0;
        set += setIntOption(ch, "IP_MTU_DISCOVER", SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE);
        set += setIntOption(ch, "IPV6_MTU_DISCOVER", SOL_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE);
        set += setIntOption(ch, "IPV6_DONTFRAG", SOL_IPV6, IPV6_DONTFRAG, 1);
        return set;
    }

    private static int setIntOption(io.netty.channel.Channel ch, String name, int level, int optname, int value) {
        try {
            return ch.config().setOption(new io.netty.channel.unix.IntegerUnixChannelOption(name, level, optname),
                    value) ? 1 : 0;
        } catch (io.netty.channel.ChannelException e) {
            return 0; // the other address family's option on a single-family socket
        }
    }

    static Class<? extends DatagramChannel> channelClass() {
        return io.netty.channel.epoll.EpollDatagramChannel.class;
    }

    /**
     * The channel's socket as a {@link DirectSend}, or null when the channel is not a native epoll one. Netty's
     * {@code Socket.sendTo} and {@code sendToAddresses} answer 0 for EAGAIN and throw for other errors, which is
     * {@link DirectSend}'s contract.
     */
    static DirectSend directSend(io.netty.channel.Channel ch) {
        if (!(ch instanceof io.netty.channel.epoll.EpollDatagramChannel e)
                || !(e.fd() instanceof io.netty.channel.unix.Socket socket)) {
            return null;
        }
        return new SocketDirectSend(socket);
    }

    /** {@link DirectSend} on a native socket; the two-part send writes a {@code struct iovec[2]} per thread. */
    private static final class SocketDirectSend implements DirectSend {
        /** One {@code struct iovec}: a pointer and a {@code size_t}. */
        private static final int ADDRESS_SIZE = io.netty.channel.unix.Buffer.addressSize();
        private static final int IOV_SIZE = 2 * ADDRESS_SIZE;
        /** Per sending thread: room for two iovecs, and its native address. */
        private static final ThreadLocal<java.nio.ByteBuffer> IOVECS = ThreadLocal.withInitial(
                () -> io.netty.channel.unix.Buffer.allocateDirectWithNativeOrder(2 * IOV_SIZE));

        private final io.netty.channel.unix.Socket socket;

        SocketDirectSend(io.netty.channel.unix.Socket socket) {
            this.socket = socket;
        }

        @Override
        public int send(java.nio.ByteBuffer buf, int pos, int limit, java.net.InetSocketAddress to)
                throws java.io.IOException {
            return socket.sendTo(buf, pos, limit, to.getAddress(), to.getPort());
        }

        @Override
        public int send(java.nio.ByteBuffer head, java.nio.ByteBuffer body, java.net.InetSocketAddress to)
                throws java.io.IOException {
            java.nio.ByteBuffer iov = IOVECS.get();
            putIovec(iov, 0, head);
            putIovec(iov, IOV_SIZE, body);
            // the buffers are the caller's and stay referenced (so not freed) until this call returns
            return socket.sendToAddresses(io.netty.channel.unix.Buffer.memoryAddress(iov), 2, to.getAddress(),
                    to.getPort());
        }

        private static void putIovec(java.nio.ByteBuffer iov, int at, java.nio.ByteBuffer part) {
            long base = io.netty.channel.unix.Buffer.memoryAddress(part) + part.position();
            if (ADDRESS_SIZE == 8) {
                iov.putLong(at, base).putLong(at + 8, part.remaining());
            } else {
                iov.putInt(at, (int) base).putInt(at + 4, part.remaining());
            }
        }
    }
}
