package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.handle.Errors.expect;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.PingTimers;
import org.knet4j.api.TransportType;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;

/** knet_link_* calls: limits, defaults and every documented error. */
class LinkApiTest {
    private final MemoryTransport transport = new MemoryTransport();
    private KnetHandle h;

    private static InetSocketAddress a(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    @BeforeEach
    void setUp() throws Exception {
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        h = knet.newHandle(HandleOptions.of(1));
        h.hostAdd(2);
    }

    @AfterEach
    void tearDown() {
        h.close();
        transport.shutdown();
    }

    @Test
    void setConfigValidatesEverything() throws Exception {
        LinkConfig ok = LinkConfig.udp(a("127.0.0.1", 6001), a("127.0.0.1", 6002));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 8, ok));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, -1, ok));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(3, 0, ok));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, null));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, new LinkConfig(7, a("127.0.0.1", 6001), null, 0)));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, new LinkConfig(TransportType.SCTP,
                a("127.0.0.1", 6001), a("127.0.0.1", 6002), 0)));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, LinkConfig.udp(a("127.0.0.1", 6001), a("::1", 6002))));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, new LinkConfig(TransportType.UDP,
                a("127.0.0.1", 6001), a("127.0.0.1", 6002), 2)));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 0, new LinkConfig(TransportType.LOOPBACK,
                a("127.0.0.1", 6001), null, 0))); // loopback only to ourselves
        h.linkSetConfig(2, 0, ok);
        expect(KnetError.EBUSY, () -> h.linkSetConfig(2, 0, ok));
        // a dynamic link may not share a static link's source address
        expect(KnetError.EINVAL, () -> h.linkSetConfig(2, 1, LinkConfig.udp(a("127.0.0.1", 6001), null)));
        assertThat(h.linkGetConfig(2, 0)).isEqualTo(ok);
        assertThat(h.linkList(2)).containsExactly(0);
    }

    @Test
    void defaultsAndTimers() throws Exception {
        h.linkSetConfig(2, 3, LinkConfig.udp(a("127.0.0.1", 6003), a("127.0.0.1", 6004)));
        assertThat(h.linkGetEnable(2, 3)).isFalse();
        assertThat(h.linkGetPingTimers(2, 3)).isEqualTo(PingTimers.DEFAULT);
        assertThat(h.linkGetPongCount(2, 3)).isEqualTo(5);
        assertThat(h.linkGetPriority(2, 3)).isZero();
        expect(KnetError.EINVAL, () -> h.linkSetPingTimers(2, 3, new PingTimers(0, 100, 10)));
        expect(KnetError.ENOSYS, () -> h.linkSetPingTimers(2, 3, new PingTimers(100, 0, 10)));
        expect(KnetError.EINVAL, () -> h.linkSetPingTimers(2, 3, new PingTimers(100, 100, 0)));
        expect(KnetError.EINVAL, () -> h.linkSetPongCount(2, 3, 0));
        expect(KnetError.EINVAL, () -> h.linkSetPongCount(2, 3, 256));
        expect(KnetError.EINVAL, () -> h.linkSetPriority(2, 3, 256));
        expect(KnetError.EINVAL, () -> h.linkGetPongCount(2, 4));
        h.linkSetPingTimers(2, 3, new PingTimers(100, 300, 7));
        h.linkSetPongCount(2, 3, 9);
        h.linkSetPriority(2, 3, 200);
        assertThat(h.linkGetPingTimers(2, 3)).isEqualTo(new PingTimers(100, 300, 7));
        assertThat(h.linkGetPongCount(2, 3)).isEqualTo(9);
        assertThat(h.linkGetPriority(2, 3)).isEqualTo(200);
        LinkStatus st = h.linkGetStatus(2, 3);
        assertThat(st.enabled()).isFalse();
        assertThat(st.connected()).isFalse();
        assertThat(st.mtu()).isEqualTo(522); // libknet's initial static IPv4 link MTU
        assertThat(h.pmtudGet()).isEqualTo(482); // data goes at the floor until discovery
        assertThat(st.protoOverhead()).isEqualTo(20 + 8 + 26);
    }

    @Test
    void clearRefusesEnabledLinks() throws Exception {
        expect(KnetError.EINVAL, () -> h.linkClearConfig(2, 0));
        h.linkSetConfig(2, 0, LinkConfig.udp(a("127.0.0.1", 6005), a("127.0.0.1", 6006)));
        h.linkSetEnable(2, 0, true);
        expect(KnetError.EBUSY, () -> h.linkClearConfig(2, 0));
        assertThat(h.linkGetStatus(2, 0).stats().downCount()).isEqualTo(1); // enabling records one down event
        h.linkSetEnable(2, 0, false);
        h.linkClearConfig(2, 0);
        assertThat(h.linkList(2)).isEmpty();
        expect(KnetError.EINVAL, () -> h.linkGetStatus(2, 0));
    }

    @Test
    void aclsOnlyOnDynamicLinks() throws Exception {
        h.linkSetConfig(2, 0, LinkConfig.udp(a("127.0.0.1", 6007), a("127.0.0.2", 6008)));
        AclEntry e = new AclEntry(InetAddress.getByName("127.0.0.9"), null, AclCheckType.ADDRESS, AclAction.ACCEPT);
        expect(KnetError.EINVAL, () -> h.linkAddAcl(2, 0, e));
        expect(KnetError.EINVAL, () -> h.linkClearAcl(2, 0));
        assertThat(h.linkGetAcl(2, 0)).containsExactly(
                new AclEntry(InetAddress.getByName("127.0.0.2"), null, AclCheckType.ADDRESS, AclAction.ACCEPT));
        h.linkSetConfig(2, 1, LinkConfig.udp(a("127.0.0.1", 6009), null));
        h.linkAddAcl(2, 1, e);
        expect(KnetError.EEXIST, () -> h.linkAddAcl(2, 1, e));
        AclEntry mask = new AclEntry(InetAddress.getByName("10.0.0.0"), InetAddress.getByName("255.0.0.0"),
                AclCheckType.MASK, AclAction.REJECT);
        h.linkInsertAcl(2, 1, 0, mask);
        assertThat(h.linkGetAcl(2, 1)).containsExactly(mask, e);
        expect(KnetError.EINVAL, () -> h.linkAddAcl(2, 1, new AclEntry(InetAddress.getByName("10.0.0.0"), null,
                AclCheckType.RANGE, AclAction.ACCEPT)));
        expect(KnetError.EINVAL, () -> h.linkAddAcl(2, 1, new AclEntry(InetAddress.getByName("10.0.0.0"),
                InetAddress.getByName("::1"), AclCheckType.RANGE, AclAction.ACCEPT)));
        // libknet 1.25 checks the families of RANGE entries only; a MASK with a mask of the other family would
        // compare an IPv4 source with IPv6 bytes, so knet4j refuses it too
        expect(KnetError.EINVAL, () -> h.linkAddAcl(2, 1, new AclEntry(InetAddress.getByName("10.0.0.0"),
                InetAddress.getByName("ffff::"), AclCheckType.MASK, AclAction.ACCEPT)));
        // the man page's positions: 0 first, -1 (or any index past the end) appends
        AclEntry range = new AclEntry(InetAddress.getByName("10.1.0.1"), InetAddress.getByName("10.1.0.9"),
                AclCheckType.RANGE, AclAction.ACCEPT);
        AclEntry last = new AclEntry(InetAddress.getByName("10.2.0.1"), null, AclCheckType.ADDRESS, AclAction.REJECT);
        h.linkInsertAcl(2, 1, 1, range);
        h.linkInsertAcl(2, 1, -1, last);
        assertThat(h.linkGetAcl(2, 1)).containsExactly(mask, range, e, last);
        AclEntry second = new AclEntry(InetAddress.getByName("10.3.0.1"), null, AclCheckType.ADDRESS,
                AclAction.ACCEPT);
        h.linkInsertAcl(2, 1, 3, second);
        assertThat(h.linkGetAcl(2, 1)).containsExactly(mask, range, e, second, last);
        h.linkRmAcl(2, 1, range);
        h.linkRmAcl(2, 1, last);
        h.linkRmAcl(2, 1, second);
        h.linkRmAcl(2, 1, mask);
        expect(KnetError.ENOENT, () -> h.linkRmAcl(2, 1, mask));
        h.linkClearAcl(2, 1);
        assertThat(h.linkGetAcl(2, 1)).isEmpty();
        assertThat(h.linkGetConfig(2, 1).dynamic()).isTrue();
    }

    @Test
    void loopbackMustBeAlone() throws Exception {
        h.hostAdd(1);
        LinkConfig lo = new LinkConfig(TransportType.LOOPBACK, a("127.0.0.1", 0), null, 0);
        h.linkSetConfig(1, 0, lo);
        expect(KnetError.EINVAL, () -> h.linkSetConfig(1, 1, lo));
        expect(KnetError.EINVAL, () -> h.linkSetConfig(1, 1, LinkConfig.udp(a("127.0.0.1", 6010),
                a("127.0.0.1", 6011))));
        h.linkSetEnable(1, 0, true);
        assertThat(h.hostGetStatus(1).reachable()).isTrue();
    }

    @Test
    void bindConflictIsReported() throws Exception {
        KnetImpl other = new KnetImpl();
        other.plugins().addTransport(transport);
        KnetHandle h2 = other.newHandle(HandleOptions.of(5));
        try {
            h2.hostAdd(2);
            h2.linkSetConfig(2, 0, LinkConfig.udp(a("127.0.0.1", 6020), a("127.0.0.1", 6021)));
            expect(KnetError.EADDRINUSE, () -> h.linkSetConfig(2, 0,
                    LinkConfig.udp(a("127.0.0.1", 6020), a("127.0.0.1", 6021))));
            assertThat(h.linkList(2)).isEmpty(); // state unchanged
        } finally {
            h2.close();
        }
    }
}
