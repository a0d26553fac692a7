package org.knet4j.api;

import java.net.InetSocketAddress;

/**
 * {@code struct knet_link_status}.
 *
 * @param source        the bound local address
 * @param destination   the configured or learned peer address; {@code null} for a dynamic link not yet learned
 * @param enabled       administratively enabled
 * @param connected     pongs are arriving in time (the link is up)
 * @param dynconnected  a dynamic link has learned its peer's address (always true for static links)
 * @param latencyUs     running mean round-trip latency in microseconds
 * @param pongLastNanos {@code System.nanoTime()} of the last accepted pong, 0 if none
 * @param mtu           the link's data MTU (payload bytes per fragment)
 * @param protoOverhead IP + UDP + knet header + crypto bytes per packet
 * @param stats         the counters
 */
public record LinkStatus(InetSocketAddress source, InetSocketAddress destination, boolean enabled, boolean connected,
        boolean dynconnected, long latencyUs, long pongLastNanos, int mtu, int protoOverhead, LinkStats stats) {
}
