package org.knet4j.bench.jmh;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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

/**
 * Two handles (hosts 1 and 2) of one engine built as outside OSGi ({@link Knet4j#create()}, the UDP transport
 * found on the class path), one UDP link between them on 127.0.0.1, channel 0 open on both; host 1 sends to 2.
 */
final class LinkedPair implements AutoCloseable {
    private static final PingTimers FAST = new PingTimers(100, 1000, 2048);
    private static final Duration SETUP_LIMIT = Duration.ofSeconds(10);

    private final Knet knet;
    private final KnetHandle one;
    private final KnetHandle two;
    final DataChannel sender;
    final DataChannel receiver;

    LinkedPair() throws KnetException, IOException {
        this(Knet4j.create());
    }

    /** The same on {@code knet} (whose transports serve the UDP links), shut down by {@link #close()}. */
    LinkedPair(Knet knet) throws KnetException, IOException {
        this.knet = knet;
        int port = freePort();
        int port2 = freePort();
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getLoopbackAddress(), port2);
        one = knet.newHandle(HandleOptions.of(1));
        two = knet.newHandle(HandleOptions.of(2));
        sender = link(one, 2, a, b);
        receiver = link(two, 1, b, a);
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

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /**
     * Wait until both hosts see each other, then until messages get through without loss ten times in a row (the
     * receiving side may still drop data for a moment after the sender sees the link up).
     *
     * @throws IllegalStateException if that does not happen within 10 s
     */
    void awaitFlowing(ByteBuffer message, ByteBuffer rx) throws KnetException, InterruptedException {
        long deadline = System.nanoTime() + SETUP_LIMIT.toNanos();
        while (!(one.hostGetStatus(2).reachable() && two.hostGetStatus(1).reachable())) {
            checkDeadline(deadline, "the two handles never saw each other");
            Thread.sleep(10);
        }
        int inARow = 0;
        while (inARow < 10) {
            checkDeadline(deadline, "messages do not get through the link");
            message.position(0);
            sender.send(message);
            rx.clear();
            inARow = receiver.receive(rx, Duration.ofMillis(100)) == message.limit() ? inARow + 1 : 0;
        }
    }

    private static void checkDeadline(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException(what + " within " + SETUP_LIMIT.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        Knet4j.shutdown(knet);
    }
}
