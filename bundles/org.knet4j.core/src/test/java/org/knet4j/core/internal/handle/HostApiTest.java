package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.handle.Errors.expect;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.core.internal.KnetImpl;

/** knet_host_* calls: limits, defaults and every documented error. */
class HostApiTest {
    private final org.knet4j.core.testing.MemoryTransport transport = new org.knet4j.core.testing.MemoryTransport();
    private KnetImpl knet;
    private KnetHandle h;

    @BeforeEach
    void setUp() throws Exception {
        knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        h = knet.newHandle(HandleOptions.of(1));
    }

    @AfterEach
    void tearDown() {
        h.close();
        transport.shutdown();
    }

    @Test
    void addRejectsOutOfRangeAndDuplicates() throws Exception {
        expect(KnetError.EINVAL, () -> h.hostAdd(-1));
        expect(KnetError.EINVAL, () -> h.hostAdd(65536));
        h.hostAdd(0);
        h.hostAdd(65535);
        expect(KnetError.EEXIST, () -> h.hostAdd(0));
        assertThat(h.hostList()).containsExactly(65535, 0); // newest first, as libknet
    }

    @Test
    void namesDefaultToIdAndMustBeUnique() throws Exception {
        h.hostAdd(2);
        h.hostAdd(3);
        assertThat(h.hostGetName(2)).isEqualTo("2");
        h.hostSetName(2, "alpha");
        assertThat(h.hostGetIdByName("alpha")).isEqualTo(2);
        expect(KnetError.EEXIST, () -> h.hostSetName(3, "alpha"));
        expect(KnetError.EEXIST, () -> h.hostSetName(2, "alpha")); // libknet: even its own current name
        expect(KnetError.EINVAL, () -> h.hostSetName(2, "x".repeat(256)));
        expect(KnetError.EINVAL, () -> h.hostSetName(2, null));
        expect(KnetError.EINVAL, () -> h.hostSetName(9, "beta"));
        expect(KnetError.ENOENT, () -> h.hostGetIdByName("nobody"));
        expect(KnetError.EINVAL, () -> h.hostGetIdByName(null));
        expect(KnetError.EINVAL, () -> h.hostGetName(9));
        assertThat(h.hostGetName(2)).isEqualTo("alpha");
    }

    @Test
    void policyAndStatus() throws Exception {
        h.hostAdd(2);
        assertThat(h.hostGetPolicy(2)).isEqualTo(LinkPolicy.PASSIVE);
        h.hostSetPolicy(2, LinkPolicy.ROUND_ROBIN);
        assertThat(h.hostGetPolicy(2)).isEqualTo(LinkPolicy.ROUND_ROBIN);
        expect(KnetError.EINVAL, () -> LinkPolicy.of(3));
        expect(KnetError.EINVAL, () -> h.hostSetPolicy(7, LinkPolicy.ACTIVE));
        expect(KnetError.EINVAL, () -> h.hostGetPolicy(7));
        assertThat(h.hostGetStatus(2).reachable()).isFalse();
        expect(KnetError.EINVAL, () -> h.hostGetStatus(7));
    }

    @Test
    void removeRefusesUnknownAndHostsWithLinks() throws Exception {
        expect(KnetError.EINVAL, () -> h.hostRemove(5));
        h.hostAdd(5);
        h.linkSetConfig(5, 0, org.knet4j.api.LinkConfig.udp(
                new java.net.InetSocketAddress("127.0.0.1", 0), new java.net.InetSocketAddress("127.0.0.1", 9)));
        expect(KnetError.EBUSY, () -> h.hostRemove(5));
        h.linkClearConfig(5, 0);
        h.hostRemove(5);
        assertThat(h.hostList()).isEqualTo(List.of());
    }

    @Test
    void freeRefusesWhileHostsRemainAndThenEverythingFailsWithEinval() throws Exception {
        h.hostAdd(4);
        expect(KnetError.EBUSY, h::free);
        h.hostRemove(4);
        h.free();
        assertThat(h.isOpen()).isFalse();
        expect(KnetError.EINVAL, () -> h.hostAdd(1));
        expect(KnetError.EINVAL, h::free);
        assertThat(knet.handles()).doesNotContain(h);
    }
}
