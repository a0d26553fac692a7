package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knet4j.api.Knet;
import org.knet4j.core.Knet4j;

/**
 * A Java node and a C node on Debian's libknet 1.25, talking over UDP on 127.0.0.1: links come up on both sides,
 * data flows both ways (1, 1400 and 65536 bytes: fragmented), sendSync reaches the other side in both directions,
 * and round trips work. Each case names what failed and shows both sides' logs.
 */
class InteropTest {
    private static Knet knet;

    @BeforeAll
    static void setUp() throws Exception {
        CPeer.binary(); // fails the class with gcc's message when libknet-dev is missing
        knet = Knet4j.create();
    }

    private static String[] args(int id, int peerId, int bind, int peer, String... more) {
        List<String> a = new ArrayList<>(List.of("--id", "" + id, "--peer-id", "" + peerId,
                "--bind", "127.0.0.1:" + bind, "--peer", "127.0.0.1:" + peer, "--timeout", "20"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /**
     * Run the receiving side and the sending side; assert both succeeded and every message arrived intact.
     * Flags after {@code "--rx"} go to the receiver only.
     *
     * @return the receiver's RESULT fields
     */
    private static Map<String, String> exchange(String name, boolean javaSends, String... common) throws Exception {
        int base = Ports.freeRange(20);
        int javaPort = base;
        int cPort = base + 10; // room for up to 8 links each (link l binds PORT+l)
        List<String> send = new ArrayList<>(List.of("--mode", "send"));
        List<String> recv = new ArrayList<>(List.of("--mode", "recv"));
        boolean rxOnly = false;
        for (String c : common) {
            if (c.equals("--rx")) {
                rxOnly = true;
            } else if (rxOnly) {
                recv.add(c);
            } else if (c.equals("--sync")) {
                send.add(c);
            } else {
                send.add(c);
                recv.add(c);
            }
        }
        String[] javaArgs = args(1, 2, javaPort, cPort, (javaSends ? send : recv).toArray(new String[0]));
        String[] cArgs = args(2, 1, cPort, javaPort, (javaSends ? recv : send).toArray(new String[0]));
        try (CPeer c = new CPeer(cArgs)) {
            JavaPeer j = new JavaPeer(knet, javaArgs);
            int javaExit = j.awaitExit(60_000);
            int cExit = c.awaitExit(30_000);
            String logs = "case " + name + "\n" + j.log() + c.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(cExit).as(logs).isZero();
            Map<String, String> rx = javaSends ? c.result() : j.result();
            assertThat(rx.get("corrupt")).as(logs).isEqualTo("0");
            assertThat(rx.get("missing")).as(logs).isEqualTo("0");
            return rx;
        }
    }

    @ParameterizedTest(name = "java to C, {0} bytes")
    @ValueSource(ints = {1, 1400, 65536})
    void javaToC(int size) throws Exception {
        exchange("java->c " + size, true, "--size", "" + size, "--count", size > 10000 ? "50" : "300",
                "--rate", "500");
    }

    @ParameterizedTest(name = "C to java, {0} bytes")
    @ValueSource(ints = {1, 1400, 65536})
    void cToJava(int size) throws Exception {
        exchange("c->java " + size, false, "--size", "" + size, "--count", size > 10000 ? "50" : "300",
                "--rate", "500");
    }

    @Test
    void javaSendSyncReachesC() throws Exception {
        exchange("java sendSync->c", true, "--size", "1400", "--count", "100", "--sync");
    }

    @Test
    void cSendSyncReachesJava() throws Exception {
        exchange("c knet_send_sync->java", false, "--size", "1400", "--count", "100", "--sync");
    }

    @Test
    void roundTripsJavaToCEcho() throws Exception {
        int base = Ports.freeRange(2);
        try (CPeer c = new CPeer(args(2, 1, base + 1, base, "--mode", "echo", "--count", "200", "--size", "64"))) {
            JavaPeer j = new JavaPeer(knet, args(1, 2, base, base + 1, "--mode", "latency", "--count", "200",
                    "--size", "64"));
            int javaExit = j.awaitExit(60_000);
            String logs = j.log() + c.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(j.result().get("received")).as(logs).isEqualTo("200");
            assertThat(c.awaitExit(30_000)).as(logs).isZero();
        }
    }

    @Test
    void twoLinksActivePolicy() throws Exception {
        exchange("java->c two links active", true, "--links", "2", "--policy", "active", "--size", "1400",
                "--count", "200");
    }

    /**
     * A receiver's --warmup: the first 200 of 300 messages sent at 500/s are checked and received but left out of
     * the rate, so the rate's interval covers about 100 messages (0.2 s, not 0.6 s) and msgs_per_s × seconds is
     * about 100, the same on both peers.
     */
    @ParameterizedTest(name = "receiver warm-up, {0} receiver")
    @ValueSource(strings = {"C", "java"})
    void receiverWarmupIsLeftOutOfTheRate(String receiver) throws Exception {
        Map<String, String> rx = exchange("warm-up, " + receiver + " receiving", receiver.equals("C"), "--size",
                "1400", "--count", "300", "--rate", "500", "--rx", "--warmup", "200");
        String line = rx.toString();
        assertThat(rx.get("received")).as(line).isEqualTo("300");
        double seconds = Double.parseDouble(rx.get("seconds"));
        double rated = Double.parseDouble(rx.get("msgs_per_s")) * seconds;
        assertThat(rated).as("messages behind the rate: " + line).isBetween(97.0, 101.0);
        assertThat(seconds).as(line).isBetween(0.1, 0.45);
        assertThat(Double.parseDouble(rx.get("MBps")) * 1e6 * seconds / 1400).as("bytes behind the rate: " + line)
                .isBetween(97.0, 101.0);
    }
}
