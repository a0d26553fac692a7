package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knet4j.api.Knet;
import org.knet4j.core.Knet4j;

/**
 * A Java node and a C libknet 1.25 node, both configured with the same compression model, exchange messages of
 * 200, 1400 and 65536 bytes both ways: the Java peer sends (latency mode), the C peer checks every byte and echoes
 * the message back compressed by libknet, and the Java peer checks every byte again. Compressible content
 * ({@code --pattern runs}) must travel compressed in both directions (both nodes count it); random content must
 * travel uncompressed from 1400 bytes on, since compressing it does not shrink it (WIRE.md §8), and whatever a
 * sender did compress, the other side must have decompressed.
 *
 * <p>Every model has both nodes on that model, which zstd needs anyway: a 1.25 node not itself on zstd crashes on a
 * zstd packet (WIRE.md §8, hazard 1).
 */
class CompressInteropTest {
    private static final int COUNT = 6;
    private static Knet knet;

    @BeforeAll
    static void setUp() throws Exception {
        CPeer.binary();
        knet = Knet4j.create();
        assertThat(knet.compressList()).contains("zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd");
    }

    static Stream<Arguments> matrix() {
        // model:level as libknet's own tests use them
        String[] models = {"zlib:6", "lz4:1", "lz4hc:9", "lzo2:1", "lzma:6", "bzip2:9", "zstd:3"};
        List<Arguments> cases = new ArrayList<>();
        for (String model : models) {
            for (String pattern : new String[] {"runs", "random"}) {
                for (int size : new int[] {200, 1400, 65536}) {
                    cases.add(Arguments.of(model, pattern, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("matrix")
    void bothWaysEveryByteChecked(String model, String pattern, int size) throws Exception {
        int base = Ports.freeRange(2);
        String[] common = {"--compress", model, "--pattern", pattern, "--count", "" + COUNT, "--timeout", "15",
            "--ping-interval", "50", "--pong-count", "1"};
        List<String> c = new ArrayList<>(List.of("--id", "2", "--peer-id", "1", "--bind", "127.0.0.1:" + (base + 1),
                "--peer", "127.0.0.1:" + base, "--mode", "echo"));
        c.addAll(List.of(common));
        List<String> j = new ArrayList<>(List.of("--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:" + base,
                "--peer", "127.0.0.1:" + (base + 1), "--mode", "latency", "--size", "" + size));
        j.addAll(List.of(common));
        try (CPeer cPeer = new CPeer(c.toArray(new String[0]))) {
            JavaPeer javaPeer = new JavaPeer(knet, j.toArray(new String[0]));
            int javaExit = javaPeer.awaitExit(60_000);
            int cExit = cPeer.awaitExit(30_000);
            String logs = "case " + model + " " + pattern + " " + size + "\n" + javaPeer.log() + cPeer.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(javaPeer.result().get("received")).as(logs).isEqualTo("" + COUNT);
            assertThat(javaPeer.result().get("corrupt")).as(logs).isEqualTo("0");
            assertThat(cExit).as(logs).isZero();
            assertThat(cPeer.result().get("corrupt")).as(logs).isEqualTo("0");

            Map<String, String> java = javaPeer.fields("COMPRESS");
            Map<String, String> cside = cPeer.fields("COMPRESS");
            assertThat(java).as(logs).isNotEmpty();
            assertThat(cside).as(logs).isNotEmpty();
            assertThat(java.get("rx_failed")).as(logs).isEqualTo("0");
            if (pattern.equals("runs")) {
                assertThat(Long.parseLong(java.get("tx_compressed"))).as("Java sent compressed\n" + logs)
                        .isGreaterThanOrEqualTo(COUNT);
                assertThat(Long.parseLong(cside.get("rx_compressed"))).as("C decompressed Java's\n" + logs)
                        .isGreaterThanOrEqualTo(COUNT);
                assertThat(Long.parseLong(cside.get("tx_compressed"))).as("C sent compressed\n" + logs)
                        .isGreaterThanOrEqualTo(COUNT);
                assertThat(Long.parseLong(java.get("rx_compressed"))).as("Java decompressed C's\n" + logs)
                        .isGreaterThanOrEqualTo(COUNT);
            } else {
                // what a sender compressed and used (libknet 1.25 also counts unused attempts as tx_compressed) is
                // what the other side decompressed; random data itself never shrinks, but in a 200-byte message
                // lz4 gains a byte or two on the zeros of the sequence number, and so does libknet
                assertThat(Long.parseLong(java.get("rx_compressed"))).as(logs)
                        .isEqualTo(COUNT - Long.parseLong(cside.get("tx_uncompressed")));
                assertThat(Long.parseLong(cside.get("rx_compressed"))).as(logs)
                        .isEqualTo(COUNT - Long.parseLong(java.get("tx_uncompressed")));
                if (size >= 1400) {
                    assertThat(java.get("rx_compressed")).as(logs).isEqualTo("0");
                    assertThat(cside.get("rx_compressed")).as(logs).isEqualTo("0");
                }
            }
        }
    }
}
