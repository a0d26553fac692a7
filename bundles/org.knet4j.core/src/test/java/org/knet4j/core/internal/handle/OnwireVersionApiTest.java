package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.handle.Errors.expect;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.knet4j.api.KnetError;
import org.knet4j.api.OnwireVersion;
import org.knet4j.core.testing.ConnectedPair;
import org.knet4j.core.testing.Nodes;

/** {@code getOnwireVersion} (knet_handle_get_onwire_ver): this node, a silent host, a heard host, bad ids. */
class OnwireVersionApiTest {
    @Test
    void ownSilentAndHeardHosts() throws Exception {
        try (ConnectedPair p = ConnectedPair.unlinked()) {
            assertThat(p.a.getOnwireVersion(1)).isEqualTo(new OnwireVersion(1, 1, 1));
            p.a.hostAdd(2);
            assertThat(p.a.getOnwireVersion(2)).isEqualTo(new OnwireVersion(0, 0, 0)); // nothing heard yet
            p.link(0, Nodes.local(7451), Nodes.local(7452)).ready();
            assertThat(p.a.getOnwireVersion(2)).isEqualTo(new OnwireVersion(0, 1, 1));
            assertThat(p.b.getOnwireVersion(1)).isEqualTo(new OnwireVersion(0, 1, 1));
            Nodes.awaitReachable(p.a, 2, Duration.ofSeconds(5));
        }
    }

    @Test
    void unknownAndOutOfRangeHostsAreEinval() throws Exception {
        try (ConnectedPair p = ConnectedPair.unlinked()) {
            expect(KnetError.EINVAL, () -> p.a.getOnwireVersion(3));
            expect(KnetError.EINVAL, () -> p.a.getOnwireVersion(-1));
            expect(KnetError.EINVAL, () -> p.a.getOnwireVersion(65536));
        }
    }
}
