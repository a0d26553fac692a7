package org.knet4j.compress.zlib.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.net.InetSocketAddress;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.HandleStats;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.Message;
import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;

/**
 * The zlib model inside the real engine, between two nodes of two separate engines over one in-memory transport:
 * the threshold, the "does not shrink, send as it is" rule and libknet's counters for it, a receiver without any
 * configuration, and a receiver that lacks the model (counted and dropped).
 */
class ZlibEngineTest {
    private final MemoryTransport transport = new MemoryTransport();
    private KnetImpl knetA;
    private KnetImpl knetB;
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chB;

    @BeforeEach
    void setUp() throws Exception {
        knetA = new KnetImpl();
        knetA.plugins().addTransport(transport);
        knetA.plugins().addCompressor(new ZlibCompressor());
        knetB = new KnetImpl();
        knetB.plugins().addTransport(transport);
        a = node(knetA, 1, 2, 7001, 7002);
        b = node(knetB, 2, 1, 7002, 7001);
        a.openChannel(0);
        chB = b.openChannel(0);
        awaitReachable(a, 2);
        awaitReachable(b, 1);
    }

    /** Host {@code id} with one fast-pinging link to {@code peer}, channel filter to it, forwarding on. */
    private static KnetHandle node(KnetImpl knet, int id, int peer, int port, int peerPort) throws KnetException {
        KnetHandle h = knet.newHandle(HandleOptions.of(id));
        h.enableSockNotify((c, d, e, r) -> { });
        h.hostAdd(peer);
        h.linkSetConfig(peer, 0, LinkConfig.udp(new InetSocketAddress("127.0.0.1", port),
                new InetSocketAddress("127.0.0.1", peerPort)));
        h.linkSetPingTimers(peer, 0, new PingTimers(50, 1000, 2048));
        h.linkSetPongCount(peer, 0, 2);
        h.linkSetEnable(peer, 0, true);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return h;
    }

    private static void awaitReachable(KnetHandle h, int peer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!h.hostGetStatus(peer).reachable() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(h.hostGetStatus(peer).reachable()).as("host %d reachable from %d", peer, h.hostId()).isTrue();
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        transport.shutdown();
    }

    private static byte[] compressible(int size) {
        byte[] m = new byte[size];
        for (int i = 0; i < size; i++) {
            m[i] = (byte) (i / 16);
        }
        return m;
    }

    private byte[] sendAndReceive(byte[] m) throws Exception {
        a.sendSync(0, ByteBuffer.wrap(m));
        Message got = chB.receive(Duration.ofSeconds(10));
        assertThat(got).isNotNull();
        return got.data();
    }

    @Test
    void compressesOnlyAboveTheThresholdAndTheReceiverNeedsNoConfiguration() throws Exception {
        knetB.plugins().addCompressor(new ZlibCompressor());
        a.compress(new CompressConfig("zlib", 0, 6));
        assertThat(sendAndReceive(compressible(100))).isEqualTo(compressible(100)); // 100 is not > 100
        HandleStats s = a.getStats();
        assertThat(s.txUncompressedPackets()).isEqualTo(1);
        assertThat(s.txCompressedPackets()).isZero();
        assertThat(sendAndReceive(compressible(101))).isEqualTo(compressible(101));
        assertThat(sendAndReceive(compressible(65536))).isEqualTo(compressible(65536));
        s = a.getStats();
        assertThat(s.txCompressedPackets()).isEqualTo(2);
        assertThat(s.txCompressedOriginalBytes()).isEqualTo(101 + 65536);
        assertThat(s.txCompressedSizeBytes()).isLessThan(101 + 65536);
        assertThat(b.getStats().rxCompressedPackets()).isEqualTo(2);
        assertThat(b.getStats().rxCompressedOriginalBytes()).isEqualTo(101 + 65536);
    }

    @Test
    void aThresholdOfOneCompressesTwoByteMessages() throws Exception {
        knetB.plugins().addCompressor(new ZlibCompressor());
        a.compress(new CompressConfig("zlib", 1, 9));
        assertThat(sendAndReceive(new byte[] {5})).containsExactly(5);
        assertThat(a.getStats().txUncompressedPackets()).isEqualTo(1);
        sendAndReceive(new byte[] {5, 5});
        // zlib makes two bytes longer: tried (counted as compressed, as libknet does) but sent as they were
        assertThat(a.getStats().txCompressedPackets()).isEqualTo(1);
        assertThat(a.getStats().txUncompressedPackets()).isEqualTo(2);
        assertThat(b.getStats().rxCompressedPackets()).isZero();
    }

    @Test
    void randomDataGoesUncompressedCountedAsLibknet125Does() throws Exception {
        knetB.plugins().addCompressor(new ZlibCompressor());
        a.compress(new CompressConfig("zlib", 0, 6));
        byte[] m = new byte[1400];
        new Random(3).nextBytes(m);
        assertThat(sendAndReceive(m)).isEqualTo(m);
        HandleStats s = a.getStats();
        assertThat(s.txCompressedPackets()).isEqualTo(1);
        assertThat(s.txUncompressedPackets()).isEqualTo(1);
        assertThat(s.txCompressedSizeBytes()).isGreaterThanOrEqualTo(1400);
        assertThat(b.getStats().rxCompressedPackets()).isZero();
    }

    @Test
    void aReceiverWithoutTheModelCountsAndDrops() throws Exception {
        a.compress(new CompressConfig("zlib", 0, 6));
        a.sendSync(0, ByteBuffer.wrap(compressible(1400)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (b.getStats().rxDecompressFailedPackets() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(b.getStats().rxDecompressFailedPackets()).isEqualTo(1);
        assertThat(chB.receive(Duration.ofMillis(200))).isNull();
        // the same node still takes uncompressed traffic
        a.compress(CompressConfig.none());
        assertThat(sendAndReceive(compressible(1400))).isEqualTo(compressible(1400));
    }

    @Test
    void refusedLevelsLeaveTheConfigurationAsItWas() throws Exception {
        a.compress(new CompressConfig("zlib", 0, 6));
        assertThatThrownBy(() -> a.compress(new CompressConfig("zlib", 0, 10)))
                .isInstanceOfSatisfying(KnetException.class, e -> assertThat(e.error()).isEqualTo(KnetError.EINVAL));
        assertThat(a.compressConfig().level()).isEqualTo(6);
        a.compress(new CompressConfig("zlib", 0, 0));
        assertThat(a.compressConfig().model()).isEqualTo("zlib");
    }
}
