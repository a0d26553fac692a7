package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.Message;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.core.testing.Nodes;

/** Passive, active and round-robin over two links (WIRE.md §9), with de-duplication on receive. */
class PolicyTest {
    private final MemoryTransport transport = new MemoryTransport();
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chA;
    private DataChannel chB;

    @BeforeEach
    void setUp() throws Exception {
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
        for (int l = 0; l < 2; l++) {
            Nodes.link(a, 2, l, Nodes.local(7100 + l), new java.net.InetSocketAddress("127.0.0." + (l + 2), 7200 + l));
            Nodes.link(b, 1, l, new java.net.InetSocketAddress("127.0.0." + (l + 2), 7200 + l), Nodes.local(7100 + l));
        }
        chA = Nodes.ready(a, 2);
        chB = Nodes.ready(b, 1);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        transport.shutdown();
    }

    private void awaitBothLinks() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(a.linkGetStatus(2, 0).connected() && a.linkGetStatus(2, 1).connected()
                && b.linkGetStatus(1, 0).connected() && b.linkGetStatus(1, 1).connected())) {
            assertThat(System.nanoTime()).as("links up in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private long sent(int link) throws Exception {
        return a.linkGetStatus(2, link).stats().txDataPackets();
    }

    private void sendAndReceive(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            a.sendSync(0, ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}));
        }
        for (int i = 0; i < n; i++) {
            Message m = chB.receive(Duration.ofSeconds(5));
            assertThat(m).isNotNull();
            assertThat(m.data()[0]).isEqualTo((byte) i);
        }
        transport.sync();
        assertThat(chB.receive(Duration.ofMillis(100))).as("no duplicate delivered").isNull();
    }

    @Test
    void passiveUsesTheHighestPriorityLink() throws Exception {
        a.linkSetPriority(2, 1, 10);
        awaitBothLinks();
        sendAndReceive(20);
        assertThat(sent(1)).isEqualTo(20);
        assertThat(sent(0)).isZero();
        a.linkSetPriority(2, 0, 20);
        sendAndReceive(5);
        assertThat(sent(0)).isEqualTo(5);
    }

    @Test
    void activeSendsOnEveryLinkAndDeliversOnce() throws Exception {
        a.hostSetPolicy(2, LinkPolicy.ACTIVE);
        awaitBothLinks();
        sendAndReceive(30);
        assertThat(sent(0)).isEqualTo(30);
        assertThat(sent(1)).isEqualTo(30);
        assertThat(b.getStats().rxDuplicatePackets()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void roundRobinAlternates() throws Exception {
        a.hostSetPolicy(2, LinkPolicy.ROUND_ROBIN);
        awaitBothLinks();
        sendAndReceive(40);
        assertThat(sent(0)).isEqualTo(20);
        assertThat(sent(1)).isEqualTo(20);
    }

    @Test
    void trafficMovesToTheOtherLinkWhenOneIsDisabled() throws Exception {
        a.hostSetPolicy(2, LinkPolicy.ACTIVE);
        awaitBothLinks();
        a.linkSetEnable(2, 0, false);
        sendAndReceive(10);
        assertThat(sent(1)).isEqualTo(10);
        assertThat(sent(0)).isZero();
    }
}
