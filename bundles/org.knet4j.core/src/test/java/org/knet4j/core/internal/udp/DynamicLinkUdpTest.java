package org.knet4j.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.DataChannel;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.Message;
import org.knet4j.core.Knet4j;
import org.knet4j.core.testing.Nodes;

/**
 * A dynamic link on real UDP (127.0.0.0/8): node 1 (a) has no destination for host 2 and learns it from node 2's
 * pings; node 2 (b) has a static link to a. Access lists are on (the default), so a accepts only what its list
 * allows: 127.0.0.2 to 127.0.0.3.
 */
class DynamicLinkUdpTest {
    private Knet knet;
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chA;
    private DataChannel chB;
    private InetSocketAddress atA;

    private static int freePort(String ip) throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ip))) {
            return s.getLocalPort();
        }
    }

    private static InetSocketAddress at(String ip) throws Exception {
        return new InetSocketAddress(ip, freePort(ip));
    }

    @BeforeEach
    void setUp() throws Exception {
        knet = Knet4j.create();
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
        atA = at("127.0.0.1");
        Nodes.link(a, 2, 0, atA, null);
        chA = Nodes.ready(a, 2);
        chB = Nodes.ready(b, 1);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        Knet4j.shutdown(knet);
    }

    private void allowTwoAndThree() throws Exception {
        a.linkAddAcl(2, 0, new AclEntry(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
                AclCheckType.RANGE, AclAction.ACCEPT));
    }

    /** (Re)place b's end of the link at {@code from}. */
    private void moveB(InetSocketAddress from) throws KnetException {
        if (b.hostList().contains(1) && b.linkList(1).contains(0)) {
            b.linkSetEnable(1, 0, false);
            b.linkClearConfig(1, 0);
        }
        Nodes.link(b, 1, 0, from, atA);
    }

    private static void await(String what, Duration max, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + max);
            }
            Thread.sleep(10);
        }
    }

    private InetSocketAddress learned() {
        try {
            return a.linkGetStatus(2, 0).destination();
        } catch (KnetException e) {
            throw new AssertionError(e);
        }
    }

    private boolean reachable(KnetHandle h, int peer) {
        try {
            return h.hostGetStatus(peer).reachable();
        } catch (KnetException e) {
            throw new AssertionError(e);
        }
    }

    private void assertTrafficBothWays(String tag) throws Exception {
        a.sendSync(0, ByteBuffer.wrap(("a->b " + tag).getBytes()));
        b.sendSync(0, ByteBuffer.wrap(("b->a " + tag).getBytes()));
        Message atB = chB.receive(Duration.ofSeconds(5));
        Message atAMsg = chA.receive(Duration.ofSeconds(5));
        assertThat(atB).isNotNull();
        assertThat(atAMsg).isNotNull();
        assertThat(new String(atB.data())).isEqualTo("a->b " + tag);
        assertThat(new String(atAMsg.data())).isEqualTo("b->a " + tag);
    }

    @Test
    void anEmptyListRefusesThePeerUntilAnEntryAcceptsIt() throws Exception {
        InetSocketAddress atB = at("127.0.0.2");
        moveB(atB);
        await("refused pings on a", Duration.ofSeconds(5), () -> a.getStats().rxAclRefusedPackets() >= 3);
        assertThat(learned()).isNull();
        assertThat(reachable(a, 2)).isFalse();
        assertThat(reachable(b, 1)).isFalse();

        allowTwoAndThree();
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        assertThat(learned()).isEqualTo(atB);
        assertThat(a.linkGetStatus(2, 0).dynconnected()).isTrue();
        assertTrafficBothWays("learned");
    }

    @Test
    void followsAPeerThatMovesToAnotherPortThenAnotherAcceptedAddress() throws Exception {
        allowTwoAndThree();
        moveB(at("127.0.0.2"));
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        assertTrafficBothWays("first");

        InetSocketAddress newPort = at("127.0.0.2");
        moveB(newPort);
        await("a follows the new port", Duration.ofSeconds(5), () -> newPort.equals(learned()));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        assertTrafficBothWays("new port");

        InetSocketAddress newIp = at("127.0.0.3");
        moveB(newIp);
        await("a follows the new address", Duration.ofSeconds(5), () -> newIp.equals(learned()));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        assertTrafficBothWays("new address");
        assertThat(a.getStats().rxAclRefusedPackets()).isZero();
    }

    @Test
    void aMoveToAnAddressTheListRefusesIsNotFollowed() throws Exception {
        allowTwoAndThree();
        InetSocketAddress atB = at("127.0.0.2");
        moveB(atB);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        assertTrafficBothWays("before");

        moveB(at("127.0.0.4"));
        // libknet's down rule: no pong for timeout x backoff, the backoff 10 at link-up and one less each second,
        // so a link a second old needs about 5 s to go down
        await("a drops host 2", Duration.ofSeconds(15), () -> !reachable(a, 2));
        await("refused pings on a", Duration.ofSeconds(5), () -> a.getStats().rxAclRefusedPackets() >= 3);
        assertThat(learned()).isEqualTo(atB);
        assertThat(reachable(b, 1)).isFalse();
        assertThat(a.linkGetStatus(2, 0).stats().rxDroppedPackets()).isZero(); // refused before any link is known

        // with the lists off, a follows it after all
        a.enableAccessLists(false);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        assertThat(learned().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.4"));
    }
}
