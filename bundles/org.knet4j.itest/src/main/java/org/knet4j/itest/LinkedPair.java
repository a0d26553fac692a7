package org.knet4j.itest;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.PingTimers;

/**
 * Two handles of one {@link Knet} service, each the other's only host, joined by two UDP links on 127.0.0.1
 * (link 0 preferred by priority under the passive policy) with short ping timers, a unicast filter and channel 0
 * open on both sides. Every link status change either side reports is recorded.
 */
final class LinkedPair implements AutoCloseable {
    static final int LINKS = 2;
    static final int CHANNEL = 0;
    private static final PingTimers TIMERS = new PingTimers(50, 1000, 2048);

    final KnetHandle a;
    final KnetHandle b;
    final DataChannel channelA;
    final DataChannel channelB;
    private final List<String> linkEvents;

    private LinkedPair(KnetHandle a, KnetHandle b, DataChannel channelA, DataChannel channelB, List<String> events) {
        this.linkEvents = events;
        this.a = a;
        this.b = b;
        this.channelA = channelA;
        this.channelB = channelB;
    }

    /** Both handles with their links configured and enabled; {@code crypto} null means clear traffic. */
    static LinkedPair open(Knet knet, int idA, int idB, CryptoConfig crypto) throws KnetException, IOException {
        int[] ports = freePorts(2 * LINKS);
        KnetHandle a = knet.newHandle(HandleOptions.of(idA));
        KnetHandle b = null;
        try {
            b = knet.newHandle(HandleOptions.of(idB));
            List<String> events = new CopyOnWriteArrayList<>();
            DataChannel chA = setUp(a, idB, crypto, ports, 0, LINKS, "A", events);
            DataChannel chB = setUp(b, idA, crypto, ports, LINKS, 0, "B", events);
            LinkedPair pair = new LinkedPair(a, b, chA, chB, events);
            a.enableLinkStatusNotify((host, link, up) -> pair.linkEvents.add("A " + host + "/" + link + (up ? " up" : " down")));
            b.enableLinkStatusNotify((host, link, up) -> pair.linkEvents.add("B " + host + "/" + link + (up ? " up" : " down")));
            return pair;
        } catch (KnetException | RuntimeException e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    private static DataChannel setUp(KnetHandle h, int peer, CryptoConfig crypto, int[] ports, int mine, int theirs,
            String side, List<String> events) throws KnetException {
        // libknet's rule: the socket notification comes before any channel (a queued send's failure is reported there)
        h.enableSockNotify((channel, direction, error, why) -> events.add(side + " channel " + channel + " "
                + direction + " " + error + " " + why));
        if (crypto != null) {
            h.cryptoSetConfig(crypto, 1);
            h.cryptoUseConfig(1);
            h.cryptoRxClearTraffic(false);
        }
        h.hostAdd(peer);
        h.hostSetPolicy(peer, LinkPolicy.PASSIVE);
        for (int l = 0; l < LINKS; l++) {
            InetSocketAddress src = new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[mine + l]);
            InetSocketAddress dst = new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[theirs + l]);
            h.linkSetConfig(peer, l, LinkConfig.udp(src, dst));
            h.linkSetPingTimers(peer, l, TIMERS);
            h.linkSetPongCount(peer, l, 2);
            h.linkSetPriority(peer, l, LINKS - l);
            h.linkSetEnable(peer, l, true);
        }
        DataChannel ch = h.openChannel(CHANNEL);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return ch;
    }

    /** Ports free right now on 127.0.0.1 (bound and released; the kernel does not hand them out again at once). */
    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        return ports;
    }

    /** How many of the 2 x LINKS link ends report connected. */
    int linksUp() {
        int up = 0;
        for (int l = 0; l < LINKS; l++) {
            up += connected(a, b.hostId(), l) ? 1 : 0;
            up += connected(b, a.hostId(), l) ? 1 : 0;
        }
        return up;
    }

    private static boolean connected(KnetHandle h, int peer, int link) {
        try {
            return h.isOpen() && h.linkGetStatus(peer, link).connected();
        } catch (KnetException e) {
            return false;
        }
    }

    /** Wait until {@code expected} link ends are connected; false after {@code maxMs}. */
    boolean awaitLinksUp(int expected, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (linksUp() != expected) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** Every link status change reported so far, e.g. {@code "A 2/0 down"}, and any socket notification. */
    List<String> linkEvents() {
        return List.copyOf(linkEvents);
    }

    long downEvents() {
        return linkEvents.stream().filter(e -> e.endsWith(" down")).count();
    }

    void clearEvents() {
        linkEvents.clear();
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
