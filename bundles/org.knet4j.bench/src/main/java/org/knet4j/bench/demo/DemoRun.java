package org.knet4j.bench.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.PingTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: two nodes (host ids 1 and 2) in one process, joined by two UDP links on 127.0.0.1. Once the link is
 * up, node 1 sends 1400-byte messages to node 2 with {@code sendSync} and node 2 sends to node 1 with the queued
 * {@code send}, for {@link #TRAFFIC_SECONDS} seconds, with a status line every second (link state and latency,
 * messages and MB per second each way). Then only heartbeats run until {@link #close()}.
 *
 * <p>All work runs on one daemon thread (plus one per sender during the traffic), so {@link #start()} and
 * {@link #close()} return at once, or within about a second.
 */
public final class DemoRun implements AutoCloseable {
    static final int NODE_A = 1;
    static final int NODE_B = 2;
    static final int LINKS = 2;
    static final int CHANNEL = 0;
    static final int SIZE = 1400;
    static final int TRAFFIC_SECONDS = 5;
    /** How long setup keeps trying (the UDP transport may register after the Knet service does). */
    static final long SETUP_TIMEOUT_MS = 15_000;
    static final long LINK_TIMEOUT_MS = 10_000;
    static final PingTimers TIMERS = new PingTimers(100, 1000, 2048);
    static final int PONG_COUNT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    private final Knet knet;
    private final int ratePerDirection;
    private final Object lock = new Object();
    private final List<KnetHandle> handles = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Flow aToB = new Flow("1->2 sendSync");
    private final Flow bToA = new Flow("2->1 send");
    private volatile boolean closed;
    private volatile boolean trafficDone;

    /**
     * @param ratePerDirection messages per second each way ({@link DemoNode#DEFAULT_RATE} by default), 0 for as
     *                         fast as they go
     */
    public DemoRun(Knet knet, int ratePerDirection) {
        this.knet = knet;
        this.ratePerDirection = ratePerDirection;
    }

    /** Start the demo on its own thread. */
    public void start() {
        spawn("knet4j-demo", this::runDemo);
    }

    /** Whether the traffic phase is over (or the demo failed or was closed). */
    public boolean trafficDone() {
        return trafficDone;
    }

    /** Messages received so far from host {@code fromHost} (1 or 2). */
    long received(int fromHost) {
        return (fromHost == NODE_A ? aToB : bToA).totalMessages();
    }

    /** Stop the threads (waiting up to about a second) and free both handles. */
    @Override
    public void close() {
        List<Thread> toJoin;
        List<KnetHandle> toClose;
        synchronized (lock) {
            closed = true;
            toJoin = new ArrayList<>(threads);
            toClose = new ArrayList<>(handles);
            handles.clear();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Thread t : toJoin) {
            t.interrupt();
        }
        for (Thread t : toJoin) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (KnetHandle h : toClose) {
            h.close();
        }
        trafficDone = true;
    }

    // ---------------------------------------------------------------- the demo thread

    private void runDemo() {
        try {
            KnetHandle[] nodes = setUpWithRetry();
            if (nodes == null) {
                return;
            }
            long t0 = System.nanoTime();
            if (!awaitLink(nodes[0], nodes[1])) {
                report("knet4j demo: the link did not come up within " + LINK_TIMEOUT_MS / 1000 + " s");
                return;
            }
            report(String.format(Locale.ROOT, "knet4j demo: hosts 1 and 2 linked over UDP on 127.0.0.1 (%d links) "
                    + "after %d ms; sending %d-byte messages for %d s", LINKS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), SIZE, TRAFFIC_SECONDS));
            TimeUnit.MILLISECONDS.sleep(300); // each side sees its own link up before data flows
            traffic(nodes[0], nodes[1]);
            report("knet4j demo: traffic done; the nodes stay linked (heartbeat only) until the demo stops");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("knet4j demo failed", e);
        } finally {
            trafficDone = true;
        }
    }

    /** Both nodes, or null if closed meanwhile or setup kept failing (logged). */
    private KnetHandle[] setUpWithRetry() throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETUP_TIMEOUT_MS;
        while (!closed) {
            try {
                return setUp();
            } catch (KnetException e) {
                closeHandles();
                if (System.currentTimeMillis() > deadline) {
                    report("knet4j demo: cannot set up the nodes: " + e.getMessage());
                    return null;
                }
                // a port taken between choosing and binding, or the UDP transport not registered yet
                LOG.debug("demo setup failed, retrying: {}", e.getMessage());
                TimeUnit.MILLISECONDS.sleep(e.error() == KnetError.EADDRINUSE ? 10 : 250);
            }
        }
        return null;
    }

    private KnetHandle[] setUp() throws KnetException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int[] ports = freePorts(2 * LINKS);
        KnetHandle a = newHandle(NODE_A);
        KnetHandle b = newHandle(NODE_B);
        for (int l = 0; l < LINKS; l++) {
            InetSocketAddress pa = new InetSocketAddress(lo, ports[l]);
            InetSocketAddress pb = new InetSocketAddress(lo, ports[LINKS + l]);
            link(a, NODE_B, l, pa, pb);
            link(b, NODE_A, l, pb, pa);
        }
        a.getChannel(CHANNEL).setListener((ch, src, data) -> bToA.received(data.remaining()));
        b.getChannel(CHANNEL).setListener((ch, src, data) -> aToB.received(data.remaining()));
        return new KnetHandle[] {a, b};
    }

    private KnetHandle newHandle(int id) throws KnetException {
        KnetHandle h = knet.newHandle(HandleOptions.of(id));
        synchronized (lock) {
            if (closed) {
                h.close();
                throw new KnetException(KnetError.ECANCELED, "the demo is stopping");
            }
            handles.add(h);
        }
        int peer = id == NODE_A ? NODE_B : NODE_A;
        h.enableSockNotify((ch, dir, err, why) -> LOG.debug("host {} channel {} {}: {} {}", id, ch, dir, err, why));
        h.enableLinkStatusNotify((host, link, up) -> LOG.info("host {}: link {} to host {} is {}", id, link, host,
                up ? "up" : "down"));
        h.hostAdd(peer);
        h.openChannel(CHANNEL);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return h;
    }

    private static void link(KnetHandle h, int peer, int l, InetSocketAddress src, InetSocketAddress dst)
            throws KnetException {
        h.linkSetConfig(peer, l, LinkConfig.udp(src, dst));
        h.linkSetPingTimers(peer, l, TIMERS);
        h.linkSetPongCount(peer, l, PONG_COUNT);
        h.linkSetPriority(peer, l, LINKS - 1 - l);
        h.linkSetEnable(peer, l, true);
    }

    /** Ports that were free a moment ago on 127.0.0.1 (a race is caught as EADDRINUSE and retried). */
    static int[] freePorts(int n) {
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free UDP port on 127.0.0.1", e);
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }

    private boolean awaitLink(KnetHandle a, KnetHandle b) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LINK_TIMEOUT_MS;
        while (!closed && System.currentTimeMillis() < deadline) {
            try {
                if (a.hostGetStatus(NODE_B).reachable() && b.hostGetStatus(NODE_A).reachable()) {
                    return true;
                }
            } catch (KnetException e) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return false;
    }

    // ---------------------------------------------------------------- traffic and status

    private void traffic(KnetHandle a, KnetHandle b) throws InterruptedException {
        DataChannel fromA;
        DataChannel fromB;
        try {
            fromA = a.getChannel(CHANNEL);
            fromB = b.getChannel(CHANNEL);
        } catch (KnetException e) {
            LOG.error("demo channel gone: {}", e.getMessage());
            return;
        }
        aToB.reset();
        bToA.reset();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAFFIC_SECONDS);
        Thread syncSender = spawn("knet4j-demo-sync", () -> sendLoop(fromA, true, end, aToB));
        Thread asyncSender = spawn("knet4j-demo-send", () -> sendLoop(fromB, false, end, bToA));
        long next = System.nanoTime();
        for (int second = 1; second <= TRAFFIC_SECONDS && !closed; second++) {
            next += TimeUnit.SECONDS.toNanos(1);
            LockSupport.parkNanos(next - System.nanoTime());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            report(statusLine(a, second));
        }
        syncSender.join(2000);
        asyncSender.join(2000);
        TimeUnit.MILLISECONDS.sleep(200); // the last queued messages arrive
        report(String.format(Locale.ROOT, "knet4j demo: totals  %s %d msgs (%d send errors)  %s %d msgs "
                + "(%d send errors)", aToB.name, aToB.totalMessages(), aToB.errors.get(), bToA.name,
                bToA.totalMessages(), bToA.errors.get()));
    }

    private void sendLoop(DataChannel channel, boolean sync, long endNanos, Flow d) {
        ByteBuffer msg = ByteBuffer.allocateDirect(SIZE);
        long start = System.nanoTime();
        long sent = 0;
        while (!closed && System.nanoTime() - endNanos < 0) {
            if (ratePerDirection > 0) {
                long due = start + sent * 1_000_000_000L / ratePerDirection;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
            }
            msg.clear().putLong(0, sent);
            try {
                if (sync) {
                    channel.sendSync(msg);
                } else {
                    channel.send(msg);
                }
                sent++;
            } catch (KnetException e) {
                if (e.error() == KnetError.EAGAIN) {
                    LockSupport.parkNanos(sync ? 1_000_000 : 50_000); // back-pressure
                } else {
                    if (d.errors.getAndIncrement() == 0) {
                        LOG.warn("demo {}: {}", d.name, e.getMessage());
                    }
                    LockSupport.parkNanos(10_000_000);
                }
            }
        }
    }

    private String statusLine(KnetHandle a, int second) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "knet4j demo t=%ds", second));
        for (int l = 0; l < LINKS; l++) {
            try {
                LinkStatus s = a.linkGetStatus(NODE_B, l);
                b.append(String.format(Locale.ROOT, " link%d %s %dus", l, s.connected() ? "up" : "DOWN",
                        s.latencyUs()));
            } catch (KnetException e) {
                b.append(" link").append(l).append(" ?");
            }
        }
        b.append(" | ").append(aToB.rateSinceLast()).append(" | ").append(bToA.rateSinceLast());
        return b.toString();
    }

    private static void report(String line) {
        LOG.info("{}", line);
        DemoConsole.print(line);
    }

    private Thread spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed", name, e);
            }
        }, name);
        t.setDaemon(true);
        synchronized (lock) {
            if (closed) {
                return t; // not started: nothing to do any more
            }
            threads.add(t);
        }
        t.start();
        return t;
    }

    private void closeHandles() {
        List<KnetHandle> toClose;
        synchronized (lock) {
            toClose = new ArrayList<>(handles);
            handles.clear();
        }
        toClose.forEach(KnetHandle::close);
    }

    /** Received messages and bytes one way, counted on the receive thread. */
    private static final class Flow {
        final String name;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        long lastMessages;
        long lastBytes;
        long lastNanos = System.nanoTime();

        Flow(String name) {
            this.name = name;
        }

        void received(int size) {
            messages.incrementAndGet();
            bytes.addAndGet(size);
        }

        /** Called by the status thread only, before the traffic starts. */
        void reset() {
            lastMessages = messages.get();
            lastBytes = bytes.get();
            lastNanos = System.nanoTime();
        }

        long totalMessages() {
            return messages.get();
        }

        /** Called by the status thread only. */
        String rateSinceLast() {
            long now = System.nanoTime();
            long m = messages.get();
            long by = bytes.get();
            double s = Math.max(1e-9, (now - lastNanos) / 1e9);
            String line = String.format(Locale.ROOT, "%s %.0f msg/s %.1f MB/s", name, (m - lastMessages) / s,
                    (by - lastBytes) / s / 1e6);
            lastMessages = m;
            lastBytes = by;
            lastNanos = now;
            return line;
        }
    }
}
