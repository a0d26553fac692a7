package org.knet4j.config.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.knet4j.api.AclEntry;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.PingTimers;

/**
 * One configured link: where it goes (transport and addresses, which need a new socket when they change) and how
 * it is tuned (priority, heartbeat timers, pong count, which can change on the live link).
 *
 * @param transport   {@link org.knet4j.api.TransportType} id
 * @param source      local address
 * @param destination peer address, {@code null} for a dynamic link
 * @param hiprio      {@link LinkConfig#FLAG_TRAFFIC_HIPRIO}
 * @param priority    0..255
 * @param timers      heartbeat timers
 * @param pongCount   1..255
 * @param acl         the access list of a dynamic link, in order (empty for a static link: libknet makes its entry)
 */
public record LinkSpec(int transport, InetSocketAddress source, InetSocketAddress destination, boolean hiprio,
        int priority, PingTimers timers, int pongCount, List<AclEntry> acl) {
    /** libknet's link priority default. */
    public static final int DEFAULT_PRIORITY = 0;

    public LinkSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timers, "timers");
        acl = List.copyOf(acl);
    }

    /** The engine's form of the part that needs a new socket when it changes. */
    public LinkConfig linkConfig() {
        return new LinkConfig(transport, source, destination, hiprio ? LinkConfig.FLAG_TRAFFIC_HIPRIO : 0);
    }

    /** True when {@code other} differs in transport, addresses or flags: the link must be re-created. */
    public boolean needsNewSocket(LinkSpec other) {
        return !linkConfig().equals(other.linkConfig());
    }
}
