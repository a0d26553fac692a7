package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.Message;
import org.knet4j.crypto.jce.internal.JceCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine reconfigured from several threads while others send and receive: hosts and links come and go, crypto
 * is switched between slots and off, and a third node is created and freed over and over while its own threads
 * still send and receive on it.
 *
 * <p>Checked: nothing deadlocks (every thread must stop within a bound after the chaos; the JVM's deadlock detector
 * is asked every 100 ms; on failure the message carries a dump of every thread); every exception a caller sees is
 * a {@link KnetException} with an error the API documents for that call; no message lands on a channel other than
 * the one it was sent on, or claims a host other than its sender (both are written into every payload); no receive
 * path reaches its last-resort catch; afterwards the nodes carry traffic on every channel, and once freed they hold
 * no pooled buffer.
 */
class ConcurrentReconfigurationTest {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentReconfigurationTest.class);
    private static final int CHANNELS = 4;
    private static final long CHAOS_MS = 6_000;
    private static final long STOP_WITHIN_MS = 15_000;
    private static final InetSocketAddress ADDR_C = new InetSocketAddress("127.0.0.4", 7104);
    /** Errors the API documents for send / sendSync, plus EINVAL for a freed handle or closed channel. */
    private static final Set<KnetError> SEND_ERRORS = Set.of(KnetError.EINVAL, KnetError.EAGAIN, KnetError.ECANCELED,
            KnetError.EHOSTDOWN, KnetError.ENOMSG, KnetError.ECHILD, KnetError.ENETDOWN);

    private EnginePair p;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    /** Which KnetErrors each operation produced (for the report, and checked against what each call documents). */
    private final Map<String, Set<KnetError>> errorsSeen = new ConcurrentHashMap<>();
    private final AtomicLongArray delivered = new AtomicLongArray(CHANNELS);

    @BeforeEach
    void setUp() throws Exception {
        p = EnginePair.clear();
        for (int ch = 1; ch < CHANNELS; ch++) {
            p.a.openChannel(ch);
            p.b.openChannel(ch);
        }
    }

    @AfterEach
    void tearDown() {
        stop.set(true);
        p.close();
    }

    /** An operation that may fail only with a KnetException carrying one of {@code allowed}. */
    private interface Op {
        void run() throws Exception;
    }

    private void guarded(String name, Set<KnetError> allowed, Op op) {
        try {
            op.run();
        } catch (KnetException e) {
            errorsSeen.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(e.error());
            if (!allowed.contains(e.error())) {
                failures.add(name + ": undocumented " + e.error() + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failures.add(name + ": " + t);
            LOG.error("{} threw", name, t);
        }
    }

    private void start(String name, Op loop) {
        Thread t = new Thread(() -> {
            while (!stop.get() && !Thread.currentThread().isInterrupted()) {
                guarded(name, Set.of(), loop);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** [channel][sender tag][counter: 4 bytes] then filler up to {@code size}. */
    private static ByteBuffer message(int channel, int tag, int counter, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) channel).put((byte) tag).putInt(counter);
        return b.clear();
    }

    private void sender(String name, KnetHandle h, int tag) {
        int[] counter = {0};
        start(name, () -> {
            int i = counter[0]++;
            int ch = i % CHANNELS;
            int size = switch (i % 3) {
                case 0 -> 16;
                case 1 -> 1_000;
                default -> 3_000; // fragmented
            };
            if (i % 2 == 0) {
                guarded(name + ".send", SEND_ERRORS, () -> h.send(ch, message(ch, tag, i, size)));
            } else {
                guarded(name + ".sendSync", SEND_ERRORS, () -> h.sendSync(ch, message(ch, tag, i, size)));
            }
            if (i % 64 == 0) {
                Thread.sleep(1); // leave the other threads some of the 2 cores
            }
        });
    }

    private void receiver(String name, DataChannel ch, Set<Integer> expectedHosts, boolean count) {
        start(name, () -> guarded(name, Set.of(KnetError.EINVAL), () -> {
            Message m = ch.receive(Duration.ofMillis(50));
            if (m == null) {
                return;
            }
            int sentOn = m.data()[0];
            int tag = m.data()[1];
            if (sentOn != ch.channel() || m.channel() != ch.channel()) {
                failures.add(name + ": a message sent on channel " + sentOn + " was delivered on " + ch.channel());
            }
            int claimed = tag == 3 ? 3 : 1;
            if (m.sourceHostId() != claimed || !expectedHosts.contains(m.sourceHostId())) {
                failures.add(name + ": a message of host " + claimed + " was delivered as from host "
                        + m.sourceHostId());
            }
            if (count) {
                delivered.incrementAndGet(ch.channel());
            }
        }));
    }

    @Test
    void reconfigurationUnderTrafficNeitherDeadlocksNorMisdeliversNorThrowsUndocumented() throws Exception {
        KnetHandle a = p.a;
        KnetHandle b = p.b;
        b.hostAdd(3);
        EnginePair.link(b, 3, 0, EnginePair.ADDR_B, ADDR_C);

        sender("sender-a0", a, 0);
        sender("sender-a1", a, 1);
        for (int ch = 0; ch < CHANNELS; ch++) {
            receiver("receiver-b" + ch, b.getChannel(ch), Set.of(1, 3), true);
        }
        Set<KnetError> config = Set.of(KnetError.EINVAL, KnetError.EEXIST, KnetError.EBUSY);
        // hosts added and removed on both nodes, with a link each time
        int[] round = {0};
        start("hosts", () -> {
            int id = 10 + round[0]++ % 5;
            guarded("hosts.add", config, () -> {
                a.hostAdd(id);
                EnginePair.link(a, id, 0, EnginePair.ADDR_A, new InetSocketAddress("127.0.0.20", 7200 + id));
                b.hostAdd(id);
                EnginePair.link(b, id, 0, EnginePair.ADDR_B, new InetSocketAddress("127.0.0.21", 7200 + id));
            });
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));
            for (KnetHandle h : List.of(a, b)) {
                guarded("hosts.remove", config, () -> {
                    h.linkSetEnable(id, 0, false);
                    h.linkClearConfig(id, 0);
                    h.hostRemove(id);
                });
            }
        });
        // a second link between A and B comes and goes under the data
        start("links", () -> {
            guarded("links.add", config, () -> {
                EnginePair.link(a, 2, 1, new InetSocketAddress("127.0.0.2", 7111),
                        new InetSocketAddress("127.0.0.3", 7112));
                EnginePair.link(b, 1, 1, new InetSocketAddress("127.0.0.3", 7112),
                        new InetSocketAddress("127.0.0.2", 7111));
            });
            Thread.sleep(ThreadLocalRandom.current().nextInt(20, 150));
            for (KnetHandle h : List.of(a, b)) {
                int peer = h == a ? 2 : 1;
                guarded("links.remove", config, () -> {
                    h.linkSetEnable(peer, 1, false);
                    h.linkClearConfig(peer, 1);
                });
            }
        });
        // crypto: slot 1, slot 2 with another key, then clear again, both nodes (clear traffic stays allowed)
        byte[] key2 = EnginePair.KEY.clone();
        key2[0] ^= 0x55;
        CryptoConfig c1 = EnginePair.cryptoConfig();
        CryptoConfig c2 = new CryptoConfig(JceCryptoProvider.MODEL, "aes128", "sha1", key2);
        Set<KnetError> cryptoErrors = Set.of(KnetError.EINVAL, KnetError.EBUSY);
        start("crypto", () -> {
            for (KnetHandle h : List.of(b, a)) {
                guarded("crypto.slot1", cryptoErrors, () -> {
                    h.cryptoSetConfig(c1, 1);
                    h.cryptoUseConfig(1);
                });
            }
            Thread.sleep(40);
            for (KnetHandle h : List.of(b, a)) {
                guarded("crypto.slot2", cryptoErrors, () -> {
                    h.cryptoSetConfig(c2, 2);
                    h.cryptoUseConfig(2);
                });
            }
            Thread.sleep(40);
            for (KnetHandle h : List.of(a, b)) {
                guarded("crypto.off", cryptoErrors, () -> {
                    h.cryptoUseConfig(0);
                    h.cryptoSetConfig(CryptoConfig.none(), 1);
                    h.cryptoSetConfig(CryptoConfig.none(), 2);
                });
            }
            Thread.sleep(40);
        });
        // node C is created, linked, used by its own sender and receiver, and freed while they run
        start("node-c", this::nodeCRound);

        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHAOS_MS);
        while (System.nanoTime() < end) {
            long[] dead = ThreadDumps.deadlocked();
            assertThat(dead).as("deadlocked threads:\n%s", dead == null ? "" : ThreadDumps.all()).isNull();
            Thread.sleep(100);
        }
        stopAll();
        assertThat(failures).as("failures while reconfiguring (errors seen: %s)", errorsSeen).isEmpty();
        assertThat(p.escapedExceptions()).isEmpty();
        for (int ch = 0; ch < CHANNELS; ch++) {
            assertThat(delivered.get(ch)).as("messages B received on channel %d during the chaos", ch).isPositive();
        }
        LOG.info("delivered per channel {}; errors seen {}", delivered,
                errorsSeen);

        // calm again: crypto off, the second link gone; every channel still carries A's traffic to B
        for (KnetHandle h : List.of(a, b)) {
            h.cryptoUseConfig(0);
        }
        EnginePair.awaitReachable(a, 2);
        EnginePair.awaitReachable(b, 1);
        for (int ch = 0; ch < CHANNELS; ch++) {
            DataChannel rx = b.getChannel(ch);
            while (rx.receive(Duration.ZERO) != null) {
                // leftovers of the chaos
            }
            a.sendSync(ch, message(ch, 0, -1, 100));
            p.sync();
            Message m = rx.receive(Duration.ofSeconds(5));
            assertThat(m).as("channel %d after the chaos; B: %s; B's links to A: %s; A's links to B: %s", ch,
                    b.getStats(), linkStates(b, 1), linkStates(a, 2)).isNotNull();
            assertThat(m.data()[0]).isEqualTo((byte) ch);
        }
        a.close();
        b.close();
        p.sync();
        assertThat(p.liveBuffers()).as("pooled buffers still held after every handle was freed").isZero();
    }

    private static String linkStates(KnetHandle h, int peer) throws KnetException {
        StringBuilder out = new StringBuilder();
        for (int l : h.linkList(peer)) {
            var st = h.linkGetStatus(peer, l);
            out.append("link ").append(l).append(st.connected() ? " up " : " down ").append(st.stats()).append("; ");
        }
        return out.toString();
    }

    /** One life of node C (host 3): create, link to B, send and receive from two threads, free it under them. */
    private void nodeCRound() throws Exception {
        KnetHandle c = p.newHandle(3);
        List<Thread> users = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        try {
            EnginePair.link(c, 2, 0, ADDR_C, EnginePair.ADDR_B);
            DataChannel[] chs = new DataChannel[CHANNELS];
            for (int ch = 0; ch < CHANNELS; ch++) {
                chs[ch] = c.openChannel(ch);
            }
            c.enableFilter(DestinationFilter.unicastTo(2));
            c.setForwarding(true);
            Thread sender = new Thread(() -> {
                int i = 0;
                while (!done.get()) {
                    int n = i++;
                    int ch = n % CHANNELS;
                    guarded("c.sendSync", SEND_ERRORS, () -> c.sendSync(ch, message(ch, 3, n, 6 + n % 2000)));
                    guarded("c.channelSend", SEND_ERRORS, () -> chs[ch].send(message(ch, 3, n, 20)));
                    if (n % 32 == 0) {
                        guarded("c.sleep", Set.of(), () -> Thread.sleep(1));
                    }
                }
            }, "node-c-sender");
            Thread receiver = new Thread(() -> {
                while (!done.get()) {
                    // C hears nothing from B (B sends only to A), but a receive must end cleanly when C is freed
                    guarded("c.receive", Set.of(KnetError.EINVAL), () -> chs[0].receive(Duration.ofMillis(20)));
                }
            }, "node-c-receiver");
            users.add(sender);
            users.add(receiver);
            for (Thread t : users) {
                t.setDaemon(true);
                t.start();
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(30, 300));
        } finally {
            c.close(); // while its sender and receiver are still running
            done.set(true);
            for (Thread t : users) {
                t.join(STOP_WITHIN_MS);
                if (t.isAlive()) {
                    failures.add(t.getName() + " did not stop after node C was freed:\n" + ThreadDumps.all());
                    stop.set(true);
                }
            }
        }
    }

    private void stopAll() throws InterruptedException {
        stop.set(true);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WITHIN_MS);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                alive.add(t.getName());
            }
        }
        assertThat(alive).as("threads still running %d ms after the stop (a deadlock or a hang):\n%s",
                STOP_WITHIN_MS, alive.isEmpty() ? "" : ThreadDumps.all()).isEmpty();
    }
}
