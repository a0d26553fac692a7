package org.knet4j.reliability.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soak: two nodes ({@link FaultNode} processes, hosts 1 = A and 2 = B, two links, active policy) under sustained
 * traffic while link 1 flaps, for {@code -Dknet4j.soak.minutes} (default 2, the CI run; the documented long run is
 * 10):
 *
 * <pre>mvn -B -ntp -Psoak -pl bundles/org.knet4j.reliability verify -Dknet4j.soak.minutes=10</pre>
 *
 * <p>Traffic: first the maximum is measured and printed (A unpaced for {@value #MEASURE_SECONDS} s, B's receive
 * rate). Then A sends to B at half that maximum, as the issue asks (or {@code -Dknet4j.soak.rate=N} messages/s);
 * B sends {@value #BACK_RATE}/s back. B's kernel may still drop some datagrams for a full receive buffer
 * (RcvbufErrors, printed at the end): under the active policy the other link's copy covers them, and the soak
 * asserts that nothing is lost. Before the send path ran in the sender's thread and both of a handle's sockets were
 * read by one I/O thread, half the maximum overloaded these two cores (0.16-0.5% lost) and a 10-minute run
 * delivered 0.12% duplicates: one link's socket, read by its own thread, fell more than 4096 seqs behind the
 * other's, past libknet 1.25's de-duplication window (which core's {@code SeqWindow} reproduces).
 *
 * <p>Flapping: every {@value #FLAP_SECONDS} s ({@code -Dknet4j.soak.flapSeconds=N}, 0 = never) link 1 changes
 * state: as root, A's veth goes down / up ({@code ip link set}) in network namespaces of its own; without root (or
 * with {@code -Dknet4j.soak.loopback=true}) both nodes run on 127.0.0.1 and disable / enable the link through the
 * API.
 *
 * <p>Every minute both nodes print heap after a full GC, thread count, open file descriptors and the engine's live
 * pooled buffers ({@code SOAK minute=...}). Asserted, from the minute-1 sample (after warm-up) to the last: heap
 * after GC grows by less than {@value #HEAP_TOLERANCE_KB} KiB, threads by at most {@value #THREAD_TOLERANCE}, fds
 * by at most {@value #FD_TOLERANCE}; once traffic stops the live buffers return to the quiet count measured before
 * the soak, and Netty's leak detector (level advanced in the nodes) reports nothing; not one message lost in
 * either direction (active policy: link 0 never failed).
 *
 * <p>Duplicates are printed ({@code dup=}) and bounded at {@value #MAX_DUP_PER_MILLION} per million messages, not
 * asserted zero: the 10-minute run at half the maximum (25450 msgs/s, 15.2 million messages, 199 flaps) delivered
 * 1425 (94 per million; 2-minute runs: 0 and 605, 180 per million). Reading both links with one thread cut them
 * from 1200 per million at a fifth of that rate; what lets the rest through libknet 1.25's window is not known yet.
 */
class SoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);
    static final int MEASURE_SECONDS = 5;
    /** A to B: half the maximum measured first, unless {@code -Dknet4j.soak.rate=N} (messages/s). */
    static final String DEFAULT_RATE = "half";
    static final int BACK_RATE = 100;
    static final int FLAP_SECONDS = 3;
    static final int SIZE = 256;
    static final long HEAP_TOLERANCE_KB = 4096;
    static final long THREAD_TOLERANCE = 2;
    static final long FD_TOLERANCE = 2;
    /** Duplicates delivered on the active policy, at most this many per million messages (see the class comment). */
    static final long MAX_DUP_PER_MILLION = 1000;

    @Test
    void sustainedTrafficWithAFlappingLink() throws Exception {
        int minutes = Integer.getInteger("knet4j.soak.minutes", 2);
        int flapSeconds = Integer.getInteger("knet4j.soak.flapSeconds", FLAP_SECONDS);
        boolean root = !Boolean.getBoolean("knet4j.soak.loopback")
                && Shell.isRoot() && Shell.run(List.of("ip", "netns", "list")).ok();
        FaultTopology topology = root ? new FaultTopology("kftk", 2, false) : FaultTopology.loopback(2);
        LOG.info("SOAK minutes={} flap_every_s={} flapping={}", minutes, flapSeconds,
                root ? "ip link set down/up of A's link-1 veth (netns)"
                        : "link enable/disable through the API (loopback: not root, or knet4j.soak.loopback)");
        try (FaultCluster cluster = FaultCluster.start(topology, 2, false, 0, SIZE, "active")) {
            NodeProcess a = cluster.node(1);
            NodeProcess b = cluster.node(2);
            long max = measureMax(a, b);
            String rateProperty = System.getProperty("knet4j.soak.rate", DEFAULT_RATE);
            int rate = rateProperty.equals("half") ? (int) (max / 2) : Integer.parseInt(rateProperty);
            TimeUnit.SECONDS.sleep(2);
            long quietBuffers = liveBuffers(a, b);
            cluster.all("reset");
            int[] marks = cluster.marks();
            a.command("rate " + rate);
            b.command("rate " + BACK_RATE);
            LOG.info("SOAK rate_a_to_b={} rate_b_to_a={} size={} quiet_live_buffers={}", rate, BACK_RATE, SIZE,
                    quietBuffers);
            List<Map<String, Long>> samplesA = new ArrayList<>();
            List<Map<String, Long>> samplesB = new ArrayList<>();
            sample(0, a, b, samplesA, samplesB);
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            int minute = 1;
            boolean up = true;
            int flaps = 0;
            try {
                long nextFlap = System.nanoTime() + TimeUnit.SECONDS.toNanos(flapSeconds);
                while (System.nanoTime() - end < 0) {
                    long now = System.nanoTime();
                    if (flapSeconds > 0 && now - nextFlap >= 0) {
                        up = !up;
                        setLink1(cluster, up);
                        flaps++;
                        nextFlap += TimeUnit.SECONDS.toNanos(flapSeconds);
                    }
                    if (now - (start + TimeUnit.MINUTES.toNanos(minute)) >= 0) {
                        sample(minute++, a, b, samplesA, samplesB);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } finally {
                if (!up) {
                    setLink1(cluster, true);
                }
            }
            if (samplesA.size() <= minutes) {
                sample(minute, a, b, samplesA, samplesB);
            }
            a.command("rate 0");
            b.command("rate 0");
            TimeUnit.SECONDS.sleep(3); // the last messages arrive and are taken
            Map<Integer, Map<String, Long>> statsB = b.stats();
            Map<String, Long> atB = statsB.get(1);
            Map<String, Long> atA = a.stats().get(2);
            Map<String, Long> engineB = statsB.get(-1);
            LOG.info("SOAK engine at B: rx_no_channel={} (channel queue full) rx_duplicate={} (copies dropped as"
                    + " duplicates); at A: tx_queue_full={} eagain={}", engineB.get("rx_no_channel"),
                    engineB.get("rx_duplicate"), a.stats().get(-1).get("tx_queue_full"), a.stats().get(-1).get("eagain"));
            long endBuffers = liveBuffers(a, b);
            LOG.info("SOAK kernel UDP counters at B: {}", udpCounters(cluster.topology.nodeNs(2)));
            List<String> events = cluster.linkEvents(marks);
            long knetChanges = events.size();
            long link0Changes = events.stream().filter(e -> e.contains(" link=0 ")).count();
            long leaks = a.leakReports() + b.leakReports();
            LOG.info("SOAK result a_to_b received={} missing={} dup={}; b_to_a received={} missing={} dup={};"
                    + " injected_flaps={} knet_link_changes={} (on link 0: {}) live_buffers quiet_before={} after={}"
                    + " netty_leak_reports={}",
                    atB.get("received"), atB.get("missing"), atB.get("dup"), atA.get("received"), atA.get("missing"),
                    atA.get("dup"), flaps, knetChanges, link0Changes, quietBuffers, endBuffers, leaks);
            assertEquals(0, atB.get("missing"), "A->B lost messages on the active policy");
            assertEquals(0, atA.get("missing"), "B->A lost messages on the active policy");
            long dups = atB.get("dup") + atA.get("dup");
            assertTrue(dups * 1_000_000 <= atB.get("received") * MAX_DUP_PER_MILLION,
                    dups + " duplicates delivered on the active policy");
            assertTrue(atB.get("received") >= (long) rate * 60 * minutes * 9 / 10,
                    "A->B carried only " + atB.get("received") + " messages");
            assertTrue(flapSeconds == 0 || knetChanges > 0, "the flapping never took a link down");
            assertTrue(endBuffers <= quietBuffers, "pooled buffers held after the soak: " + endBuffers
                    + " (quiet before: " + quietBuffers + ")");
            assertEquals(0, leaks, "Netty reported leaked buffers (target/fault-logs/node*.err)");
            assertFlat("A", samplesA);
            assertFlat("B", samplesB);
        }
    }

    private static void setLink1(FaultCluster cluster, boolean up) throws IOException, InterruptedException {
        if (cluster.topology.isLoopback()) {
            cluster.node(1).command("link 2 1 " + (up ? 1 : 0));
            cluster.node(2).command("link 1 1 " + (up ? 1 : 0));
        } else {
            cluster.topology.setLink(1, 1, up);
        }
    }

    /**
     * The kernel's UDP counters (InDatagrams, InErrors, RcvbufErrors, ...) in a namespace, from /proc/net/snmp: a
     * receive buffer that overflowed shows here and nowhere in the engine. On loopback (no namespace) the host's.
     */
    private static String udpCounters(String netns) {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("cat", "/proc/net/snmp"));
        List<String> udp = Shell.run(cmd).output().lines().filter(l -> l.startsWith("Udp:")).toList();
        if (udp.size() < 2) {
            return "unavailable";
        }
        String[] names = udp.get(0).split("\\s+");
        String[] values = udp.get(1).split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < Math.min(names.length, values.length); i++) {
            sb.append(names[i]).append('=').append(values[i]).append(' ');
        }
        return sb.toString().trim();
    }

    /** A unpaced (B silent) for a few seconds: B's receive rate, messages/s. */
    private static long measureMax(NodeProcess a, NodeProcess b) throws IOException, InterruptedException {
        b.command("rate 0");
        a.command("rate 1000000");
        TimeUnit.SECONDS.sleep(1);
        b.command("reset");
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(MEASURE_SECONDS);
        Map<String, Long> f = b.stats().get(1);
        long seconds100 = (System.nanoTime() - t0) / 10_000_000;
        a.command("rate 0");
        long max = f.get("received") * 100 / seconds100;
        LOG.info("SOAK measured_max_msgs_per_s={} (size {}, missing at max {})", max, SIZE, f.get("missing"));
        return max;
    }

    private static long liveBuffers(NodeProcess a, NodeProcess b) throws IOException, InterruptedException {
        return a.resources().get("live_buffers") + b.resources().get("live_buffers");
    }

    private static void sample(int minute, NodeProcess a, NodeProcess b, List<Map<String, Long>> samplesA,
                               List<Map<String, Long>> samplesB) throws IOException, InterruptedException {
        for (NodeProcess n : List.of(a, b)) {
            Map<String, Long> f = n.resources();
            (n == a ? samplesA : samplesB).add(f);
            Map<String, Long> s = n.stats().get(n == a ? 2 : 1);
            LOG.info("SOAK minute={} node={} heap_after_gc_kb={} threads={} fds={} live_buffers={} received={}"
                    + " missing={}", minute, n == a ? "A" : "B", f.get("heap_after_gc_kb"), f.get("threads"),
                    f.get("fds"), f.get("live_buffers"), s.get("received"), s.get("missing"));
        }
    }

    private static void assertFlat(String node, List<Map<String, Long>> samples) {
        Map<String, Long> first = samples.get(1);
        Map<String, Long> last = samples.get(samples.size() - 1);
        assertTrue(last.get("heap_after_gc_kb") - first.get("heap_after_gc_kb") < HEAP_TOLERANCE_KB,
                node + ": heap after GC grew " + first + " -> " + last);
        assertTrue(last.get("threads") - first.get("threads") <= THREAD_TOLERANCE,
                node + ": threads grew " + first + " -> " + last);
        assertTrue(last.get("fds") - first.get("fds") <= FD_TOLERANCE, node + ": fds grew " + first + " -> " + last);
    }
}
