package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knet4j.api.Knet;
import org.knet4j.bench.testing.TestKnets;

/**
 * Two peer tools in one process (two engines, two threads) over UDP on 127.0.0.1, as the interop tests run a Java
 * peer against the C one: recv/send and echo/latency at 1, 1400 and 65536 bytes with no loss, several links and
 * policies, stop (SIGTERM), link timeout and setup errors.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PeerToolEndToEndTest {
    private static final long RUN_MS = 60_000;

    /** The flags both sides share; the caller adds its own. */
    private static String[] peer(int id, int bindPort, int peerPort, String... more) {
        List<String> a = new ArrayList<>(List.of("--id", Integer.toString(id), "--peer-id", Integer.toString(3 - id),
                "--bind", "127.0.0.1:" + bindPort, "--peer", "127.0.0.1:" + peerPort, "--timeout", "10"));
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    private static PeerRun[] pair(String[] first, String[] second) {
        Knet k1 = TestKnets.newKnet();
        Knet k2 = TestKnets.newKnet();
        return new PeerRun[] {PeerRun.start(k1, first), PeerRun.start(k2, second)};
    }

    private static void assertExit(PeerRun p, int code) throws InterruptedException {
        assertThat(p.await(RUN_MS)).as("%s", p).isEqualTo(code);
        assertThat(p.lines()).as("%s", p).contains("READY");
    }

    @ParameterizedTest
    @CsvSource({"1,2000,20000", "1400,2000,20000", "65536,300,200", "1400,2000,sync", "64,2000,sync"})
    void sendToRecv(int size, int count, String rateOrSync) throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        List<String> tx = new ArrayList<>(List.of("--mode", "send", "--size", "" + size, "--count", "" + count));
        if (rateOrSync.equals("sync")) {
            tx.add("--sync");
        } else {
            tx.addAll(List.of("--rate", rateOrSync));
        }
        PeerRun[] p = pair(peer(1, a, b, tx.toArray(new String[0])),
                peer(2, b, a, "--mode", "recv", "--size", "" + size, "--count", "" + count));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        Map<String, String> rx = p[1].result();
        assertThat(rx).containsEntry("mode", "recv").containsEntry("received", "" + count)
                .containsEntry("corrupt", "0").containsEntry("missing", "0");
        assertThat(p[0].result()).containsEntry("mode", "send").containsEntry("received", "" + count)
                .containsEntry("missing", "0");
        assertThat(p[1].lines()).contains("HOST 1 reachable=1");
    }

    /**
     * --report-pmtud: on 127.0.0.1 PMTUd's first probe (65535 bytes on the wire) fits, so both sides print libknet's
     * data MTU for it (65535 - 28 IPv4/UDP - 26 knet header) before the mode runs, and RESULT stays last.
     */
    @Test
    void reportPmtudPrintsTheDiscoveredMtuBeforeTheMode() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun[] p = pair(peer(1, a, b, "--mode", "send", "--size", "65536", "--count", "3", "--rate", "20",
                        "--pmtud-freq", "1", "--report-pmtud"),
                peer(2, b, a, "--mode", "recv", "--size", "65536", "--count", "3", "--pmtud-freq", "1",
                        "--report-pmtud"));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        for (PeerRun r : p) {
            List<String> lines = r.lines();
            assertThat(lines).as("%s", r).contains("PMTUD data_mtu=65481 link_mtu=65481");
            assertThat(lines.indexOf("PMTUD data_mtu=65481 link_mtu=65481")).as("%s", r)
                    .isGreaterThan(lines.indexOf("READY"));
            assertThat(lines.get(lines.size() - 1)).as("%s", r).startsWith("RESULT ");
        }
        assertThat(p[1].result()).containsEntry("received", "3").containsEntry("corrupt", "0");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1400, 65536})
    void latencyAgainstEcho(int size) throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        int count = 300;
        PeerRun[] p = pair(peer(1, a, b, "--mode", "latency", "--size", "" + size, "--count", "" + count),
                peer(2, b, a, "--mode", "echo", "--count", "" + count));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        Map<String, String> lat = p[0].result();
        assertThat(lat).containsEntry("mode", "latency").containsEntry("received", "" + count)
                .containsEntry("corrupt", "0").containsEntry("missing", "0").containsKeys("p50_us", "p99_us");
        assertThat(Long.parseLong(lat.get("p50_us"))).isPositive();
        assertThat(Long.parseLong(lat.get("p99_us"))).isGreaterThanOrEqualTo(Long.parseLong(lat.get("p50_us")));
        assertThat(p[1].result()).containsEntry("mode", "echo").containsEntry("received", "" + count)
                .containsEntry("corrupt", "0").containsEntry("missing", "0");
    }

    @Test
    void warmUpRoundTripsAreMadeButNotCounted() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun[] p = pair(peer(1, a, b, "--mode", "latency", "--size", "64", "--count", "120", "--warmup", "80"),
                peer(2, b, a, "--mode", "echo", "--count", "200"));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        assertThat(p[0].result()).containsEntry("received", "120").containsEntry("missing", "0")
                .containsEntry("corrupt", "0");
        // the echo side saw every message, warm-up included, in order (its check follows the seqs 0..199)
        assertThat(p[1].result()).containsEntry("received", "200").containsEntry("corrupt", "0");
    }

    @Test
    void anEchoThatNeverComesIsCountedMissingAfterOneSecond() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        // the echo side stops after 3: messages 3 and 4 get no echo, each given up after 1 s, and the run fails
        PeerRun[] p = pair(peer(1, a, b, "--mode", "latency", "--size", "64", "--count", "5"),
                peer(2, b, a, "--mode", "echo", "--count", "3"));
        assertExit(p[0], PeerTool.EXIT_FAILED);
        assertExit(p[1], 0);
        assertThat(p[0].result()).containsEntry("received", "3").containsEntry("missing", "2")
                .containsEntry("corrupt", "0");
        assertThat(Double.parseDouble(p[0].result().get("seconds"))).as("two 1 s waits").isGreaterThan(1.9);
    }

    @Test
    void latencyAgainstEchoWithSendSync() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun[] p = pair(peer(1, a, b, "--mode", "latency", "--size", "64", "--count", "200", "--sync"),
                peer(2, b, a, "--mode", "echo", "--count", "200", "--sync"));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        assertThat(p[0].result()).containsEntry("received", "200").containsEntry("missing", "0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"passive", "active", "rr"})
    void severalLinks(String policy) throws Exception {
        int a = TestKnets.freePorts(3);
        int b = TestKnets.freePorts(3);
        PeerRun[] p = pair(
                peer(1, a, b, "--links", "3", "--policy", policy, "--mode", "send", "--count", "1000",
                        "--rate", "4000"),
                peer(2, b, a, "--links", "3", "--policy", policy, "--mode", "recv", "--count", "1000"));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        assertThat(p[1].result()).containsEntry("received", "1000").containsEntry("corrupt", "0")
                .containsEntry("missing", "0");
    }

    @Test
    void benchTxToBenchRx() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        // bench-rx ends on --count or --timeout of silence (it ignores --seconds, as the C peer)
        PeerRun[] p = pair(peer(1, a, b, "--mode", "bench-tx", "--seconds", "1", "--size", "1400"),
                peer(2, b, a, "--mode", "bench-rx", "--count", "100000000", "--size", "1400", "--timeout", "2"));
        assertExit(p[0], 0);
        assertExit(p[1], 0);
        Map<String, String> rx = p[1].result();
        assertThat(rx).containsEntry("mode", "bench-rx").containsEntry("corrupt", "0");
        assertThat(Long.parseLong(rx.get("received"))).isPositive();
        assertThat(Double.parseDouble(rx.get("msgs_per_s"))).isPositive();
        assertThat(Double.parseDouble(p[0].result().get("msgs_per_s"))).isPositive();
    }

    @Test
    void stopEndsBothSidesWithAResult() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun[] p = pair(peer(1, a, b, "--mode", "latency", "--size", "64", "--count", "100000000"),
                peer(2, b, a, "--mode", "echo", "--count", "0"));
        assertThat(p[0].awaitLine("READY", 15_000)).as("%s", p[0]).isTrue();
        assertThat(p[1].awaitLine("READY", 15_000)).as("%s", p[1]).isTrue();
        Thread.sleep(2500);
        p[0].stop();
        p[1].stop();
        assertThat(p[0].await(10_000)).as("%s", p[0]).isZero();
        assertThat(p[1].await(10_000)).as("%s", p[1]).isZero();
        assertThat(Long.parseLong(p[0].result().get("received"))).isPositive();
        assertThat(p[0].result()).containsEntry("corrupt", "0");
    }

    @Test
    void stopWhileWaitingForThePeerIsATimeout() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun p = PeerRun.start(TestKnets.newKnet(), peer(1, a, b, "--mode", "recv"));
        Thread.sleep(300);
        p.stop();
        assertThat(p.await(5_000)).isEqualTo(PeerTool.EXIT_NO_LINK);
        assertThat(p.lines()).containsExactly("TIMEOUT waiting for peer");
    }

    @Test
    void noPeerTimesOut() throws Exception {
        int a = TestKnets.freePorts(1);
        int b = TestKnets.freePorts(1);
        PeerRun p = PeerRun.start(TestKnets.newKnet(), "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:" + a,
                "--peer", "127.0.0.1:" + b, "--mode", "recv", "--timeout", "1");
        assertThat(p.await(10_000)).isEqualTo(PeerTool.EXIT_NO_LINK);
        assertThat(p.lines()).containsExactly("TIMEOUT waiting for peer");
    }

    @Test
    void badArgumentsAndRefusedConfiguration() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PeerTool tool = new PeerTool(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Knet knet = TestKnets.newKnet();
        assertThat(tool.run(knet, "--id", "1", "--size", "0")).isEqualTo(PeerTool.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--size must be 1..65536, got 0", "usage:");
        err.reset();
        int a = TestKnets.freePorts(1);
        assertThat(tool.run(knet, "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:" + a, "--peer",
                "127.0.0.1:" + (a + 1), "--mode", "recv", "--compress", "nosuchmodel:1"))
                .isEqualTo(PeerTool.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("EINVAL");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(knet.handles()).isEmpty();
    }
}
