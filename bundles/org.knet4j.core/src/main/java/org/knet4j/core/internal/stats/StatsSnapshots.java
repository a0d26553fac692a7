package org.knet4j.core.internal.stats;

import java.net.InetSocketAddress;
import org.knet4j.api.HandleStats;
import org.knet4j.api.LinkStats;
import org.knet4j.api.LinkStatus;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.link.LinkHeartbeatState;

/** Builds the API's immutable stats and status records from the live counters. */
public final class StatsSnapshots {
    private StatsSnapshots() {
    }

    private static long ave(long total, long n) {
        return n == 0 ? 0 : total / n;
    }

    private static long min(long v) {
        return v == Long.MAX_VALUE ? 0 : v;
    }

    public static HandleStats handle(HandleCounters c) {
        long txc = c.get(HandleCounters.TX_COMPRESSED);
        long rxc = c.get(HandleCounters.RX_COMPRESSED);
        long txk = c.get(HandleCounters.TX_CRYPT);
        long rxk = c.get(HandleCounters.RX_CRYPT);
        return new HandleStats(
                c.get(HandleCounters.TX_UNCOMPRESSED), txc, c.get(HandleCounters.TX_COMPRESSED_ORIG_BYTES),
                c.get(HandleCounters.TX_COMPRESSED_SIZE_BYTES), ave(c.get(HandleCounters.TX_COMPRESS_TIME_TOTAL), txc),
                min(c.get(HandleCounters.TX_COMPRESS_TIME_MIN)), c.get(HandleCounters.TX_COMPRESS_TIME_MAX),
                rxc, c.get(HandleCounters.RX_COMPRESSED_ORIG_BYTES), c.get(HandleCounters.RX_COMPRESSED_SIZE_BYTES),
                ave(c.get(HandleCounters.RX_COMPRESS_TIME_TOTAL), rxc), min(c.get(HandleCounters.RX_COMPRESS_TIME_MIN)),
                c.get(HandleCounters.RX_COMPRESS_TIME_MAX),
                txk, c.get(HandleCounters.TX_CRYPT_OVERHEAD), ave(c.get(HandleCounters.TX_CRYPT_TIME_TOTAL), txk),
                min(c.get(HandleCounters.TX_CRYPT_TIME_MIN)), c.get(HandleCounters.TX_CRYPT_TIME_MAX),
                rxk, ave(c.get(HandleCounters.RX_CRYPT_TIME_TOTAL), rxk), min(c.get(HandleCounters.RX_CRYPT_TIME_MIN)),
                c.get(HandleCounters.RX_CRYPT_TIME_MAX),
                c.get(HandleCounters.RX_MALFORMED), c.get(HandleCounters.RX_UNKNOWN_HOST),
                c.get(HandleCounters.RX_BAD_VERSION), c.get(HandleCounters.RX_UNKNOWN_LINK),
                c.get(HandleCounters.RX_UNREACHABLE_HOST), c.get(HandleCounters.RX_DUPLICATE),
                c.get(HandleCounters.RX_BAD_FRAGMENT), c.get(HandleCounters.RX_NO_CHANNEL),
                c.get(HandleCounters.RX_FILTERED), c.get(HandleCounters.RX_CRYPT_FAILED),
                c.get(HandleCounters.RX_DECOMPRESS_FAILED), c.get(HandleCounters.TX_QUEUE_FULL),
                c.get(HandleCounters.RX_ACL_REFUSED));
    }

    public static LinkStatus linkStatus(Link l, InetSocketAddress source, int protoOverhead) {
        LinkCounters c = l.counters();
        LinkHeartbeatState h = l.heartbeat();
        long latency;
        long lastPong;
        long lmin;
        long lmax;
        long samples;
        synchronized (h) {
            latency = h.latencyUs;
            lastPong = h.lastPongNanos;
            lmin = h.latencyMinUs == Long.MAX_VALUE ? 0 : h.latencyMinUs;
            lmax = h.latencyMaxUs;
            samples = h.latencySamples;
        }
        long txPackets = c.get(LinkCounters.TX_DATA_PACKETS) + c.get(LinkCounters.TX_PING_PACKETS)
                + c.get(LinkCounters.TX_PONG_PACKETS) + c.get(LinkCounters.TX_PMTU_PACKETS);
        long rxPackets = c.get(LinkCounters.RX_DATA_PACKETS) + c.get(LinkCounters.RX_PING_PACKETS)
                + c.get(LinkCounters.RX_PONG_PACKETS) + c.get(LinkCounters.RX_PMTU_PACKETS);
        long txBytes = c.get(LinkCounters.TX_DATA_BYTES) + c.get(LinkCounters.TX_PING_BYTES)
                + c.get(LinkCounters.TX_PONG_BYTES) + c.get(LinkCounters.TX_PMTU_BYTES);
        long rxBytes = c.get(LinkCounters.RX_DATA_BYTES) + c.get(LinkCounters.RX_PING_BYTES)
                + c.get(LinkCounters.RX_PONG_BYTES) + c.get(LinkCounters.RX_PMTU_BYTES);
        long txErrors = c.get(LinkCounters.TX_DATA_ERRORS) + c.get(LinkCounters.TX_PING_ERRORS)
                + c.get(LinkCounters.TX_PONG_ERRORS) + c.get(LinkCounters.TX_PMTU_ERRORS);
        long txRetries = c.get(LinkCounters.TX_DATA_RETRIES) + c.get(LinkCounters.TX_PING_RETRIES)
                + c.get(LinkCounters.TX_PONG_RETRIES) + c.get(LinkCounters.TX_PMTU_RETRIES);
        LinkStats stats = new LinkStats(
                c.get(LinkCounters.TX_DATA_PACKETS), c.get(LinkCounters.RX_DATA_PACKETS),
                c.get(LinkCounters.TX_DATA_BYTES), c.get(LinkCounters.RX_DATA_BYTES),
                c.get(LinkCounters.RX_PING_PACKETS), c.get(LinkCounters.TX_PING_PACKETS),
                c.get(LinkCounters.RX_PING_BYTES), c.get(LinkCounters.TX_PING_BYTES),
                c.get(LinkCounters.RX_PONG_PACKETS), c.get(LinkCounters.TX_PONG_PACKETS),
                c.get(LinkCounters.RX_PONG_BYTES), c.get(LinkCounters.TX_PONG_BYTES),
                c.get(LinkCounters.RX_PMTU_PACKETS), c.get(LinkCounters.TX_PMTU_PACKETS),
                c.get(LinkCounters.RX_PMTU_BYTES), c.get(LinkCounters.TX_PMTU_BYTES),
                txPackets, rxPackets, txBytes, rxBytes, txErrors, txRetries,
                c.get(LinkCounters.TX_PMTU_ERRORS), c.get(LinkCounters.TX_PMTU_RETRIES),
                c.get(LinkCounters.TX_PING_ERRORS), c.get(LinkCounters.TX_PING_RETRIES),
                c.get(LinkCounters.TX_PONG_ERRORS), c.get(LinkCounters.TX_PONG_RETRIES),
                c.get(LinkCounters.TX_DATA_ERRORS), c.get(LinkCounters.TX_DATA_RETRIES),
                lmin, lmax, latency, samples,
                c.get(LinkCounters.DOWN_COUNT), c.get(LinkCounters.UP_COUNT),
                l.upTimes(), l.downTimes(), c.get(LinkCounters.RX_DROPPED));
        return new LinkStatus(source, l.destination(), l.enabled(), l.connected(), l.dynconnected(), latency,
                lastPong, l.mtu(), protoOverhead, stats);
    }
}
