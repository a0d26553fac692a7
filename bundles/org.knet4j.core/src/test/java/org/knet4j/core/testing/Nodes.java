package org.knet4j.core.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.PingTimers;

/** Builds connected test nodes with short heartbeat timers (links come up in a few hundred ms). */
public final class Nodes {
    public static final PingTimers FAST = new PingTimers(50, 1000, 2048);

    private Nodes() {
    }

    public static KnetHandle node(Knet knet, int id) throws KnetException {
        KnetHandle h = knet.newHandle(HandleOptions.of(id));
        h.enableSockNotify((c, d, e, r) -> { });
        return h;
    }

    /** Add {@code peer} to {@code h} with one link {@code linkId} from {@code src} to {@code dst}, enabled. */
    public static void link(KnetHandle h, int peer, int linkId, InetSocketAddress src, InetSocketAddress dst)
            throws KnetException {
        if (!h.hostList().contains(peer)) {
            h.hostAdd(peer);
        }
        h.linkSetConfig(peer, linkId, LinkConfig.udp(src, dst));
        h.linkSetPingTimers(peer, linkId, FAST);
        h.linkSetPongCount(peer, linkId, 2);
        h.linkSetEnable(peer, linkId, true);
    }

    /** Open channel 0 with a unicast filter to {@code peer} and forwarding on. */
    public static DataChannel ready(KnetHandle h, int peer) throws KnetException {
        DataChannel ch = h.openChannel(0);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return ch;
    }

    /** Wait (bounded) until {@code peer} is reachable from {@code h}. */
    public static void awaitReachable(KnetHandle h, int peer, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!h.hostGetStatus(peer).reachable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("host " + peer + " not reachable from " + h.hostId() + " within " + max);
            }
            Thread.sleep(10);
        }
    }

    public static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
