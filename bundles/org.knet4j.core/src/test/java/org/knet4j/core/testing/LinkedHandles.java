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
import org.knet4j.core.Knet4j;
import org.knet4j.core.internal.KnetImpl;

/**
 * Two handles (host ids 1 and 2) of one real engine ({@link Knet4j#create()}: plugins on the class path, such as a
 * crypto bundle, are found) linked over core's in-memory transport, with channel 0 open on both and each filter
 * sending to the other. For the tests of bundles that read an engine (shell, JMX).
 */
public final class LinkedHandles implements AutoCloseable {
    public static final PingTimers FAST = new PingTimers(50, 1000, 2048);
    public static final InetSocketAddress ADDR_1 = new InetSocketAddress("127.0.0.1", 6101);
    public static final InetSocketAddress ADDR_2 = new InetSocketAddress("127.0.0.1", 6102);

    public final Knet knet = Knet4j.create();
    public final MemoryTransport transport = new MemoryTransport();
    public final KnetHandle one;
    public final KnetHandle two;
    public final DataChannel channelOne;
    public final DataChannel channelTwo;

    public LinkedHandles() throws Exception {
        ((KnetImpl) knet).plugins().addTransport(transport);
        one = knet.newHandle(HandleOptions.of(1));
        two = knet.newHandle(HandleOptions.of(2));
        channelOne = link(one, 2, ADDR_1, ADDR_2);
        channelTwo = link(two, 1, ADDR_2, ADDR_1);
    }

    private static DataChannel link(KnetHandle h, int peer, InetSocketAddress src, InetSocketAddress dst)
            throws KnetException {
        h.enableSockNotify((channel, direction, error, reason) -> { });
        h.hostAdd(peer);
        h.linkSetConfig(peer, 0, LinkConfig.udp(src, dst));
        h.linkSetPingTimers(peer, 0, FAST);
        h.linkSetPongCount(peer, 0, 2);
        h.linkSetEnable(peer, 0, true);
        DataChannel ch = h.openChannel(0);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return ch;
    }

    /** Wait (at most 10 s) until both handles see each other as reachable; false if they never do. */
    public boolean awaitReachable() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (one.hostGetStatus(2).reachable() && two.hostGetStatus(1).reachable()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /**
     * Wait (at most 10 s) until the first PMTU discovery has settled on both handles: probes went out, the handle's
     * data MTU is the link's, and neither moved over three samples 100 ms apart. MTU figures then hold still while a
     * test compares them. False if that never happens.
     */
    public boolean awaitPmtud() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        int same = 0;
        while (System.nanoTime() < deadline) {
            boolean probed = one.linkGetStatus(2, 0).stats().txPmtuPackets() > 0
                    && two.linkGetStatus(1, 0).stats().txPmtuPackets() > 0;
            int m1 = one.linkGetStatus(2, 0).mtu();
            int m2 = two.linkGetStatus(1, 0).mtu();
            String now = m1 + "/" + m2;
            if (probed && one.pmtudGet() == m1 && two.pmtudGet() == m2 && now.equals(last)) {
                if (++same == 3) {
                    return true;
                }
            } else {
                same = 0;
            }
            last = now;
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        Knet4j.shutdown(knet);
        transport.shutdown();
    }
}
