package org.knet4j.spi.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One bound socket of a transport, shared by every link with the same source address (as in libknet).
 *
 * <p>Thread-safe: the engine sends from several threads at once.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface TransportSocket extends AutoCloseable {
    /** The bound address (with the real port when 0 was asked). */
    InetSocketAddress localAddress();

    /**
     * Queue one datagram holding {@code packet} (position to limit) for {@code destination}. The transport has
     * taken its own copy, or finished with the bytes, when this returns: the caller may reuse {@code packet}.
     * Datagrams queued by one thread leave in the order queued. Nothing leaves before {@link #flush()}, which
     * lets the transport batch system calls.
     *
     * @return false if the socket's outbound queue is full (back-pressure): nothing was queued
     * @throws IOException if the datagram can never be sent (socket closed, message too long)
     */
    boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException;

    /**
     * As {@link #send(ByteBuffer, InetSocketAddress)} for the datagram {@code head ‖ body} (position to limit of
     * each): lets the engine hand over a packet header and a slice of the user's message without first copying them
     * together. The default joins them in a new buffer; transports should override it.
     */
    default boolean send(ByteBuffer head, ByteBuffer body, InetSocketAddress destination) throws IOException {
        ByteBuffer joined = ByteBuffer.allocate(head.remaining() + body.remaining());
        joined.put(head.duplicate()).put(body.duplicate()).flip();
        return send(joined, destination);
    }

    /**
     * Send one small control datagram (heartbeat, PMTUd) now, ahead of data queued with {@link #send}: a ping stuck
     * behind a data backlog would measure the backlog, not the path, and take a busy link down. Accepted even when
     * {@link #isWritable()} is false. The default queues and flushes.
     *
     * @return false if the datagram could not be queued
     * @throws IOException as {@link #send}
     */
    default boolean sendUrgent(ByteBuffer packet, InetSocketAddress destination) throws IOException {
        boolean queued = send(packet, destination);
        flush();
        return queued;
    }

    /** Push everything queued so far onto the wire. */
    void flush();

    /** True while {@link #send} would accept more. */
    boolean isWritable();

    /** Close the socket and release its buffers; no callback arrives after this returns. */
    @Override
    void close();
}
