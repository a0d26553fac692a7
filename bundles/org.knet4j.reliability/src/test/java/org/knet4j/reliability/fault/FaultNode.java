package org.knet4j.reliability.fault;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.knet4j.api.DataChannel;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.Message;
import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.internal.handle.KnetHandleImpl;
import org.knet4j.spi.transport.Transport;

/**
 * One node of the multi-host fault tests, run as its own process (a JVM cannot change network namespace, so the
 * test starts each node with {@code ip netns exec NS java ... FaultNode}). One knet handle, peers with one or more
 * static links each, heartbeat timers short enough to fail over in about a second, and a sender that broadcasts a
 * sequenced message to every reachable peer at a fixed rate.
 *
 * <p>Arguments: {@code --id N --rate MSGS_PER_S --size BYTES --policy passive|active|rr --high-link L
 * --ping-interval MS --ping-timeout MS --pong-count N --link PEER:LINK:LOCALIP:LOCALPORT:DESTIP:DESTPORT ...}.
 * Link {@code --high-link} gets the highest priority (the one passive uses), the others 0.
 *
 * <p>Machine-readable lines on stdout (times are epoch milliseconds): {@code READY} once every peer is
 * reachable; {@code LINK t= peer= link= up=0|1}; {@code HOST t= peer= reachable=0|1}; and answers to the commands
 * read from stdin, one per line: {@code stats} ({@code STATS peer=P ...} per peer, see {@link PeerTally}, then
 * {@code STATS-END sent= eagain= rx_no_channel= rx_duplicate= tx_queue_full=}), {@code reset}, {@code rate N}, {@code policy P}, {@code link PEER LINK 0|1}
 * (enable/disable through the API), {@code res} ({@code RES ...}, see {@link ResourceProbe}), {@code quit}. Every
 * command is answered with a line starting {@code OK} or {@code ERR}.
 *
 * <p>Message format: the sender's epoch (random per process, 8 bytes), its seq (8 bytes), zero padding.
 */
public final class FaultNode {
    private static final int CHANNEL = 0;

    private final PrintStream out;
    private final KnetHandle handle;
    private final DataChannel channel;
    private final ResourceProbe probe;
    private final Map<Integer, PeerTally> tallies = new TreeMap<>();
    private final long epoch = new SecureRandom().nextLong() | 1;
    private final AtomicLong rate = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong eagain = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final int size;

    private FaultNode(PrintStream out, KnetHandle handle, DataChannel channel, ResourceProbe probe, int size) {
        this.out = out;
        this.handle = handle;
        this.channel = channel;
        this.probe = probe;
        this.size = size;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> opts = new TreeMap<>();
        List<LinkSpec> links = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--link")) {
                links.add(LinkSpec.parse(args[i + 1]));
            } else {
                opts.put(args[i], args[i + 1]);
            }
        }
        int id = Integer.parseInt(required(opts, "--id"));
        int size = Integer.parseInt(opts.getOrDefault("--size", "64"));
        if (size < 16) {
            throw new IllegalArgumentException("--size must be at least 16 (epoch and seq), got " + size);
        }
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(true, 1, 1, 8192, 9, 0, 0, false);
        KnetImpl knet = new KnetImpl(alloc);
        for (Transport t : ServiceLoader.load(Transport.class, FaultNode.class.getClassLoader())) {
            knet.plugins().addTransport(t);
        }
        KnetHandle h = knet.newHandle(HandleOptions.of(id));
        h.enableSockNotify((ch, dir, err, why) -> { });
        FaultNode node = new FaultNode(out, h, h.openChannel(CHANNEL), new ResourceProbe(alloc,
                ((KnetHandleImpl) h)::buffersKeptForReuse), size);
        node.configure(links, policy(opts.getOrDefault("--policy", "passive")),
                Integer.parseInt(opts.getOrDefault("--high-link", "1")),
                new PingTimers(Integer.parseInt(opts.getOrDefault("--ping-interval", "100")),
                        Integer.parseInt(opts.getOrDefault("--ping-timeout", "1000")), 2048),
                Integer.parseInt(opts.getOrDefault("--pong-count", "2")));
        node.rate.set(Long.parseLong(opts.getOrDefault("--rate", "200")));
        node.run();
        System.exit(0);
    }

    /** passive, active or rr (the peer tool's names). */
    static LinkPolicy policy(String name) {
        return switch (name) {
            case "passive" -> LinkPolicy.PASSIVE;
            case "active" -> LinkPolicy.ACTIVE;
            case "rr" -> LinkPolicy.ROUND_ROBIN;
            default -> throw new IllegalArgumentException("policy must be passive, active or rr, got " + name);
        };
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private void configure(List<LinkSpec> links, LinkPolicy policy, int highLink, PingTimers timers, int pongCount)
            throws KnetException {
        handle.enableLinkStatusNotify((peer, link, up) ->
                out.println("LINK t=" + System.currentTimeMillis() + " peer=" + peer + " link=" + link
                        + " up=" + (up ? 1 : 0)));
        handle.enableHostStatusNotify((peer, status) ->
                out.println("HOST t=" + System.currentTimeMillis() + " peer=" + peer
                        + " reachable=" + (status.reachable() ? 1 : 0)));
        TreeSet<Integer> peers = new TreeSet<>();
        for (LinkSpec l : links) {
            if (peers.add(l.peer())) {
                handle.hostAdd(l.peer());
                handle.hostSetPolicy(l.peer(), policy);
                tallies.put(l.peer(), new PeerTally());
            }
            handle.linkSetConfig(l.peer(), l.link(), LinkConfig.udp(l.local(), l.destination()));
            handle.linkSetPingTimers(l.peer(), l.link(), timers);
            handle.linkSetPongCount(l.peer(), l.link(), pongCount);
            handle.linkSetPriority(l.peer(), l.link(), l.link() == highLink ? 1 : 0);
            handle.linkSetEnable(l.peer(), l.link(), true);
        }
        // broadcast: every message to every reachable peer; each peer tallies our seqs
        handle.enableFilter((data, request) -> FilterVerdict.BROADCAST);
        handle.setForwarding(true);
    }

    private void run() throws Exception {
        Thread receiver = new Thread(() -> fatalOnThrow(this::receiveLoop), "fault-node-rx");
        Thread sender = new Thread(() -> fatalOnThrow(this::sendLoop), "fault-node-tx");
        Thread readiness = new Thread(this::announceReady, "fault-node-ready");
        receiver.setDaemon(true);
        sender.setDaemon(true);
        readiness.setDaemon(true);
        receiver.start();
        readiness.start();
        sender.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!command(line.trim())) {
                break;
            }
        }
        running.set(false);
        sender.join(2000);
        handle.close();
        out.println("OK quit");
    }

    /** A dead sender or receiver would only show as silence: say so, and end the process (status 3). */
    private void fatalOnThrow(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            out.println("FATAL " + Thread.currentThread().getName() + " " + e);
            e.printStackTrace();
            System.exit(3);
        }
    }

    /** @return false on quit */
    private boolean command(String line) {
        String[] w = line.split("\\s+");
        try {
            switch (w[0]) {
                case "stats" -> {
                    tallies.forEach((peer, t) -> out.println("STATS peer=" + peer + " " + t.describe()));
                    // the engine's own drop counters: a full channel queue (the application too slow) counts as
                    // no-channel; copies the de-duplication recognised count as duplicate
                    org.knet4j.api.HandleStats hs = handle.getStats();
                    out.println("STATS-END sent=" + sent.get() + " eagain=" + eagain.get()
                            + " rx_no_channel=" + hs.rxNoChannelPackets() + " rx_duplicate=" + hs.rxDuplicatePackets()
                            + " tx_queue_full=" + hs.txQueueFullDrops());
                }
                case "reset" -> tallies.values().forEach(PeerTally::reset);
                case "rate" -> rate.set(Long.parseLong(w[1]));
                case "policy" -> {
                    for (int peer : tallies.keySet()) {
                        handle.hostSetPolicy(peer, policy(w[1]));
                    }
                }
                case "link" -> handle.linkSetEnable(Integer.parseInt(w[1]), Integer.parseInt(w[2]), w[3].equals("1"));
                case "res" -> out.println("RES t=" + System.currentTimeMillis() + " " + probe.sample());
                case "quit" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("unknown command " + w[0]);
            }
            out.println("OK " + w[0]);
        } catch (KnetException | RuntimeException e) {
            out.println("ERR " + w[0] + " " + e.getMessage());
        }
        return true;
    }

    private void announceReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0 && running.get()) {
            boolean all = true;
            for (int peer : tallies.keySet()) {
                try {
                    all &= handle.hostGetStatus(peer).reachable();
                } catch (KnetException e) {
                    all = false;
                }
            }
            if (all) {
                out.println("READY t=" + System.currentTimeMillis());
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void receiveLoop() {
        while (running.get()) {
            try {
                Message m = channel.receive(Duration.ofMillis(200));
                if (m == null || m.data().length < 16) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(m.data());
                PeerTally t = tallies.get(m.sourceHostId());
                if (t != null) {
                    t.arrived(b.getLong(0), b.getLong(8), System.nanoTime());
                }
            } catch (InterruptedException e) {
                return;
            } catch (KnetException e) {
                if (!running.get()) {
                    return;
                }
            }
        }
    }

    /** Paced by a schedule, not by sleeps: a late wake-up sends the messages it owes at once (bounded to 50). */
    private void sendLoop() {
        ByteBuffer msg = ByteBuffer.allocate(size);
        long seq = 0;
        long next = System.nanoTime();
        while (running.get()) {
            long r = rate.get();
            if (r <= 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                next = System.nanoTime();
                continue;
            }
            long period = 1_000_000_000L / r;
            long now = System.nanoTime();
            if (now - next < 0) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            if (now - next > 50 * period) {
                next = now - 50 * period;
            }
            msg.clear();
            msg.putLong(0, epoch).putLong(8, seq);
            try {
                channel.send(msg);
                seq++;
                sent.incrementAndGet();
                next += period;
            } catch (KnetException e) {
                if (e.error() == KnetError.EAGAIN) {
                    eagain.incrementAndGet();
                    LockSupport.parkNanos(200_000);
                } else if (running.get()) {
                    out.println("ERR send " + e.getMessage());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }
}
