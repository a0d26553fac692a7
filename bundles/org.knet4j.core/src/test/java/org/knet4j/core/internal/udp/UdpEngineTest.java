package org.knet4j.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.Message;
import org.knet4j.core.Knet4j;
import org.knet4j.core.testing.Nodes;

/** The engine on real UDP sockets on 127.0.0.1, with the Netty transport found by ServiceLoader. */
class UdpEngineTest {
    private Knet knet;
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chA;
    private DataChannel chB;

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        knet = Knet4j.create();
        assertThat(knet.transportList()).extracting(t -> t.name()).contains("UDP");
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
        for (int l = 0; l < 2; l++) {
            InetSocketAddress pa = Nodes.local(freePort());
            InetSocketAddress pb = new InetSocketAddress("127.0.0." + (2 + l), freePort());
            Nodes.link(a, 2, l, pa, pb);
            Nodes.link(b, 1, l, pb, pa);
        }
        chA = Nodes.ready(a, 2);
        chB = Nodes.ready(b, 1);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        Knet4j.shutdown(knet);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (seed + i * 13);
        }
        return d;
    }

    @Test
    void messagesOfEverySizeBothWays() throws Exception {
        for (int size : new int[] {1, 1400, 65536}) {
            a.sendSync(0, ByteBuffer.wrap(pattern(size, 1)));
            b.send(0, ByteBuffer.wrap(pattern(size, 2)));
            Message atB = chB.receive(Duration.ofSeconds(5));
            Message atA = chA.receive(Duration.ofSeconds(5));
            assertThat(atB.data()).isEqualTo(pattern(size, 1));
            assertThat(atA.data()).isEqualTo(pattern(size, 2));
        }
    }

    @Test
    void discoveryFindsTheLoopbackMtu() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (a.pmtudGet() != 65481 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(a.pmtudGet()).isEqualTo(65481);
    }

    @Test
    void activePolicyDeliversEachMessageOnceOverTwoLinks() throws Exception {
        a.hostSetPolicy(2, LinkPolicy.ACTIVE);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(a.linkGetStatus(2, 0).connected() && a.linkGetStatus(2, 1).connected())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 2000; i++) {
            a.send(0, ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i >> 8), 5, 6}));
        }
        for (int i = 0; i < 2000; i++) {
            Message m = chB.receive(Duration.ofSeconds(5));
            assertThat(m).as("message %d", i).isNotNull();
            assertThat((m.data()[0] & 0xff) | (m.data()[1] & 0xff) << 8).isEqualTo(i);
        }
        assertThat(chB.receive(Duration.ofMillis(200))).isNull();
        assertThat(a.linkGetStatus(2, 1).stats().txDataPackets()).isGreaterThanOrEqualTo(2000);
    }
}
