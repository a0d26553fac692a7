package org.knet4j.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The configuration of one link ({@code knet_link_set_config} / {@code knet_link_get_config}).
 *
 * @param transport   {@link TransportType#UDP} or {@link TransportType#LOOPBACK}
 * @param source      the local address and port the link's socket is bound to (required)
 * @param destination the peer's address and port; {@code null} makes a dynamic link, whose address is learned from
 *                    the peer's pings
 * @param flags       {@link #FLAG_TRAFFIC_HIPRIO} or 0
 */
public record LinkConfig(int transport, InetSocketAddress source, InetSocketAddress destination, int flags) {
    /** {@code KNET_LINK_FLAG_TRAFFICHIPRIO}: SO_PRIORITY 6 and IP_TOS LOWDELAY on the link's socket. */
    public static final int FLAG_TRAFFIC_HIPRIO = 1;

    public LinkConfig {
        Objects.requireNonNull(source, "source");
    }

    public static LinkConfig udp(InetSocketAddress source, InetSocketAddress destination) {
        return new LinkConfig(TransportType.UDP, source, destination, 0);
    }

    public boolean dynamic() {
        return destination == null;
    }
}
