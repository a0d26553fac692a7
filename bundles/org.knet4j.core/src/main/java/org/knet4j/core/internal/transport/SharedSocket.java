package org.knet4j.core.internal.transport;

import java.net.InetSocketAddress;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;

/**
 * A transport socket shared by every link bound to the same source address (libknet: one socket per local
 * address), with the count of links using it.
 */
public final class SharedSocket {
    private final Transport transport;
    private final InetSocketAddress requested;
    private final TransportSocket socket;
    private int users;

    SharedSocket(Transport transport, InetSocketAddress requested, TransportSocket socket) {
        this.transport = transport;
        this.requested = requested;
        this.socket = socket;
    }

    public Transport transport() {
        return transport;
    }

    public InetSocketAddress requested() {
        return requested;
    }

    public TransportSocket socket() {
        return socket;
    }

    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    int retain() {
        return ++users;
    }

    int release() {
        return --users;
    }
}
