package org.knet4j.spi.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where a transport hands what it receives. Implemented by the engine.
 *
 * <p>Thread context: called on the transport's I/O thread, one datagram at a time per socket. The engine never
 * throws out of these methods and never blocks in them for long.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PacketReceiver {
    /**
     * One datagram. {@code packet} (position to limit) is valid only during the call: the transport reuses its
     * memory afterwards, so the engine copies what it keeps. The engine may move the buffer's position and limit
     * (it reads fields in place rather than make a view per packet), so a transport must not reuse the same
     * {@code ByteBuffer} object's window after the call.
     */
    void onPacket(ByteBuffer packet, InetSocketAddress source);

    /**
     * The socket reported an error for traffic to {@code peer} (an ICMP error such as ECONNREFUSED), or, with
     * {@code peer} null, for the socket itself.
     */
    void onError(InetSocketAddress peer, Throwable error);
}
