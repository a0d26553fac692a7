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

    static Class<? extends DatagramChannel> channelClass() {
        return io.netty.channel.epoll.EpollDatagramChannel.class;
    }

    /**
     * The channel's socket as a {@link DirectSend}, or null when the channel is not a native epoll one. Netty's
     * {@code Socket.sendTo} answers 0 for EAGAIN and throws for other errors, which is {@link DirectSend}'s
     * contract.
     */
    static DirectSend directSend(io.netty.channel.Channel ch) {
        if (!(ch instanceof io.netty.channel.epoll.EpollDatagramChannel e)
                || !(e.fd() instanceof io.netty.channel.unix.Socket socket)) {
            return null;
        }
        return (buf, pos, limit, to) -> socket.sendTo(buf, pos, limit, to.getAddress(), to.getPort());
    }
}
