package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.Message;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.core.testing.Nodes;

/** Path-MTU discovery by libknet's probing rules, over paths that carry datagrams up to a given size. */
class PmtudTest {
    private final MemoryTransport transport = new MemoryTransport();
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chB;
    private final List<Integer> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
        a.enablePmtudNotify(notified::add);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        transport.shutdown();
    }

    private void connect() throws Exception {
        Nodes.link(a, 2, 0, Nodes.local(7401), Nodes.local(7402));
        Nodes.link(b, 1, 0, Nodes.local(7402), Nodes.local(7401));
        Nodes.ready(a, 2);
        chB = Nodes.ready(b, 1);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
    }

    private void awaitDataMtu(KnetHandle h, int expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (h.pmtudGet() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(h.pmtudGet()).isEqualTo(expected);
    }

    @Test
    void loopbackSizedPathGivesTheLargestMtu() throws Exception {
        connect();
        awaitDataMtu(a, 65481); // appMtu(65535 - 28): the lo column of WIRE.md §6
        awaitDataMtu(b, 65481);
        assertThat(a.linkGetStatus(2, 0).mtu()).isEqualTo(65481);
        assertThat(notified).contains(65481);
        a.sendSync(0, ByteBuffer.wrap(new byte[65536]));
        Message m = chB.receive(Duration.ofSeconds(5));
        assertThat(m.data()).hasSize(65536);
        assertThat(a.linkGetStatus(2, 0).stats().txDataPackets()).isEqualTo(2); // 65481 + 55
    }

    @Test
    void pathThatDropsAbove1500FindsThe1500Mtu() throws Exception {
        transport.setDrop(d -> d.remaining() > 1500 - 28); // a 1500-byte IP MTU, no ICMP
        connect();
        // a lost probe costs the adjusted pong timeout: keep it short so the search ends quickly
        a.linkSetPingTimers(2, 0, new org.knet4j.api.PingTimers(50, 100, 2048));
        awaitDataMtu(a, 1446); // the "iface 1500" column
        byte[] big = new byte[65536];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        a.sendSync(0, ByteBuffer.wrap(big));
        assertThat(chB.receive(Duration.ofSeconds(5)).data()).isEqualTo(big);
    }

    @Test
    void manualInterfaceMtuOverridesAndZeroReturnsToDiscovery() throws Exception {
        connect();
        awaitDataMtu(a, 65481);
        a.pmtudSet(9000);
        assertThat(a.pmtudGet()).isEqualTo(8946);
        a.pmtudSet(0);
        awaitDataMtu(a, 65481);
    }
}
