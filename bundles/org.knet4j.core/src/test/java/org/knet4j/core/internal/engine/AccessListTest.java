package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.Message;
import org.knet4j.core.testing.ConnectedPair;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.core.testing.Nodes;

/**
 * Access lists (on by default) and the link-id spoofing checks of CVE-2026-15812, on the in-memory transport so
 * each injected packet's fate can be counted exactly. Node 2 (b) listens on 127.0.0.1:7402, node 1 (a) on :7401.
 */
class AccessListTest {
    private static final InetSocketAddress AT_B = Nodes.local(7402);
    private ConnectedPair pair;
    private MemoryTransport transport;
    private KnetHandle b;

    @BeforeEach
    void setUp() throws Exception {
        pair = ConnectedPair.linked(7401);
        transport = pair.transport;
        b = pair.b;
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    /** A service packet (PING 0x81, PONG 0x82, PMTUD 0x83) claiming to come from {@code node} on {@code link}. */
    private static byte[] service(int type, int node, int link) {
        byte[] p = new byte[26];
        p[0] = 1;
        p[1] = (byte) type;
        p[2] = (byte) (node >> 8);
        p[3] = (byte) node;
        p[6] = (byte) link;
        p[8] = 26; // PMTUD: its size field (low byte), harmless for the others
        return p;
    }

    private void inject(String fromIp, int fromPort, byte[] p) throws Exception {
        transport.inject(new InetSocketAddress(fromIp, fromPort), AT_B, p);
        transport.sync();
    }

    private void assertStillWorks() throws Exception {
        pair.a.sendSync(0, ByteBuffer.wrap("still alive".getBytes()));
        Message m = pair.chB.receive(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        assertThat(new String(m.data())).isEqualTo("still alive");
    }

    private static AclEntry accept(String ip) throws Exception {
        return new AclEntry(InetAddress.getByName(ip), null, AclCheckType.ADDRESS, AclAction.ACCEPT);
    }

    @Test
    void onByDefaultWithTheStaticLinksAutomaticEntry() throws Exception {
        assertThat(b.accessListsEnabled()).isTrue();
        assertThat(b.linkGetAcl(1, 0)).containsExactly(accept("127.0.0.1"));
        b.enableAccessLists(false);
        assertThat(b.accessListsEnabled()).isFalse();
    }

    @Test
    void theAutomaticEntryGoesWithTheLinkAndComesBackWithIt() throws Exception {
        KnetHandle h = Nodes.node(pair.knet, 5);
        try {
            h.hostAdd(6);
            InetSocketAddress src = Nodes.local(7420);
            h.linkSetConfig(6, 0, LinkConfig.udp(src, new InetSocketAddress("127.0.0.6", 7421)));
            assertThat(h.linkGetAcl(6, 0)).containsExactly(accept("127.0.0.6"));
            h.linkClearConfig(6, 0);
            Throwable gone = catchThrowable(() -> h.linkGetAcl(6, 0));
            assertThat(gone).isInstanceOf(KnetException.class);
            assertThat(((KnetException) gone).error()).isEqualTo(KnetError.EINVAL);
            h.linkSetConfig(6, 0, LinkConfig.udp(src, new InetSocketAddress("127.0.0.7", 7421)));
            assertThat(h.linkGetAcl(6, 0)).containsExactly(accept("127.0.0.7"));
        } finally {
            h.close();
        }
    }

    @Test
    void aSourceNoLinkAcceptsIsRefusedBeforeTheHeaderIsRead() throws Exception {
        // a packet naming an unknown host (99): had it been parsed, it would count as an unknown host
        byte[] stranger = service(0x81, 99, 0);
        inject("127.0.0.9", 7401, stranger);
        assertThat(b.getStats().rxAclRefusedPackets()).isEqualTo(1);
        assertThat(b.getStats().rxUnknownHostPackets()).isZero();
        // a packet of a bad version: not even the version byte is looked at
        byte[] badVersion = service(0x81, 1, 0);
        badVersion[0] = 7;
        inject("127.0.0.9", 7401, badVersion);
        assertThat(b.getStats().rxAclRefusedPackets()).isEqualTo(2);
        assertThat(b.getStats().rxBadVersionPackets()).isZero();
        // with the lists off, the same packets reach the parser and are counted there
        b.enableAccessLists(false);
        inject("127.0.0.9", 7401, stranger);
        inject("127.0.0.9", 7401, badVersion);
        assertThat(b.getStats().rxAclRefusedPackets()).isEqualTo(2);
        assertThat(b.getStats().rxUnknownHostPackets()).isEqualTo(1);
        assertThat(b.getStats().rxBadVersionPackets()).isEqualTo(1);
        assertStillWorks();
    }

    @Test
    void badVersionFromAnAcceptedPeerIsCountedAndDoesNotChangeItsVersion() throws Exception {
        assertThat(b.getOnwireVersion(1)).isEqualTo(new org.knet4j.api.OnwireVersion(0, 1, 1));
        byte[] v2 = service(0x81, 1, 0);
        v2[0] = 2;
        inject("127.0.0.1", 7401, v2);
        assertThat(b.getStats().rxBadVersionPackets()).isEqualTo(1);
        assertThat(b.getOnwireVersion(1)).isEqualTo(new org.knet4j.api.OnwireVersion(0, 1, 1));
        assertStillWorks();
    }

    @Test
    void pingPongAndPmtudNamingALinkTheSenderDoesNotHaveAreRefused() throws Exception {
        inject("127.0.0.1", 7401, service(0x81, 1, 3));
        inject("127.0.0.1", 7401, service(0x82, 1, 3));
        inject("127.0.0.1", 7401, service(0x83, 1, 3));
        inject("127.0.0.1", 7401, service(0x84, 1, 250));
        assertThat(b.getStats().rxUnknownLinkPackets()).isEqualTo(4);
        assertThat(b.getStats().rxAclRefusedPackets()).isZero();
        assertStillWorks();
    }

    @Test
    void aKnownPeerNamingAnotherHostsLinkIsRefused() throws Exception {
        // host 3 shares b's socket; its address passes the socket's access check, but it may not speak for
        // host 1's link 0 (CVE-2026-15812): the link's own check refuses it
        b.hostAdd(3);
        b.linkSetConfig(3, 0, LinkConfig.udp(AT_B, new InetSocketAddress("127.0.0.3", 7403)));
        inject("127.0.0.3", 7403, service(0x81, 1, 0));
        inject("127.0.0.3", 7403, service(0x82, 1, 0));
        inject("127.0.0.3", 7403, service(0x83, 1, 0));
        assertThat(b.getStats().rxAclRefusedPackets()).isZero();
        assertThat(b.getStats().rxUnknownLinkPackets()).isEqualTo(3);
        assertThat(b.linkGetStatus(1, 0).destination()).isEqualTo(Nodes.local(7401));
        assertStillWorks();
    }

    @Test
    void withListsOffTheStaticLinksAddressIsStillEnforced() throws Exception {
        b.enableAccessLists(false);
        inject("127.0.0.9", 7401, service(0x81, 1, 0));
        inject("127.0.0.9", 7401, service(0x82, 1, 0));
        inject("127.0.0.9", 7401, service(0x83, 1, 0));
        assertThat(b.getStats().rxUnknownLinkPackets()).isEqualTo(3);
        assertThat(b.getStats().rxAclRefusedPackets()).isZero();
        assertThat(b.linkGetStatus(1, 0).stats().rxDroppedPackets()).isEqualTo(3);
        assertStillWorks();
    }
}
