package org.knet4j.transport.udp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Writes one datagram with one {@code sendto(2)} on a channel's own socket, from the calling thread (the native
 * epoll transport only). UDP datagrams are atomic, so any thread may do this beside the event loop's own writes.
 */
interface DirectSend {
    /**
     * @param buf a direct buffer holding the datagram between {@code pos} and {@code limit}
     * @return bytes sent, or 0 when the socket's send buffer is full (EAGAIN): nothing was sent
     * @throws IOException any other send error: the datagram is lost
     */
    int send(ByteBuffer buf, int pos, int limit, InetSocketAddress destination) throws IOException;

    /**
     * One datagram made of {@code head} then {@code body} (each from position to limit, both direct), gathered by
     * the kernel ({@code sendmsg} with two iovecs): a fragment's header and its slice of the message go out without
     * being joined in a buffer first.
     *
     * @return bytes sent, or 0 when the socket's send buffer is full (EAGAIN): nothing was sent
     * @throws IOException any other send error: the datagram is lost
     */
    int send(ByteBuffer head, ByteBuffer body, InetSocketAddress destination) throws IOException;
}
