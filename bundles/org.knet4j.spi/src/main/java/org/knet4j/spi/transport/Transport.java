package org.knet4j.spi.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A datagram transport (libknet's {@code knet_transport_ops_t}). Register as an OSGi service with
 * {@link #SERVICE_PROPERTY}={@link #name()}, or list the class in
 * {@code META-INF/services/org.knet4j.spi.transport.Transport} for use outside OSGi.
 *
 * <p>Thread context: {@link #open} is called from configuration calls (any user thread), never from a
 * receive callback.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Transport {
    /** The service property carrying {@link #name()}. */
    String SERVICE_PROPERTY = "knet.transport";

    /** libknet's case-sensitive name: "UDP". */
    String name();

    /** libknet's transport id ({@code KNET_TRANSPORT_UDP} = 1). */
    int id();

    /** Bytes this transport adds below the IP header per datagram (UDP: 8), for MTU arithmetic. */
    int headerOverhead();

    /**
     * Bind a socket at {@code local} (port 0 picks a free port) and deliver what arrives to {@code receiver}.
     *
     * @throws IOException if the address cannot be bound
     */
    TransportSocket open(InetSocketAddress local, SocketOptions options, PacketReceiver receiver) throws IOException;
}
