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

    static Class<? extends DatagramChannel> channelClass() {
        return io.netty.channel.epoll.EpollDatagramChannel.class;
    }
}
