package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The "Resulting data MTU" table of WIRE.md §6, every row and column, plus the formulas behind it. */
class MtuMathTest {

    /** name, salt, hash, block, then the table's columns left to right. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("none", 0, 0, 0, 482, 522, 1206, 1446, 8946, 65481, 54),
                Arguments.of("aes256+sha256", 16, 32, 16, 421, 469, 1157, 1397, 8885, 65429, 102),
                Arguments.of("aes256+sha1", 16, 20, 16, 437, 485, 1157, 1397, 8901, 65429, 90),
                Arguments.of("aes256+sha512", 16, 64, 16, 389, 437, 1125, 1365, 8853, 65397, 134),
                Arguments.of("none cipher + sha256", 0, 32, 0, 450, 490, 1174, 1414, 8914, 65449, 86),
                Arguments.of("aes128+md5", 16, 16, 16, 437, 485, 1173, 1413, 8901, 65445, 86));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void wireMdTableRow(String crypto, int s, int h, int b, int min, int v4Initial, int v6Initial, int iface1500,
            int iface9000, int iface65535, int protoOverhead) {
        assertThat(MtuMath.minDataMtu(s, h, b)).as("min").isEqualTo(min);
        assertThat(MtuMath.initialStaticLinkMtu(false, s, h, b)).as("initial static IPv4").isEqualTo(v4Initial);
        assertThat(MtuMath.initialStaticLinkMtu(true, s, h, b)).as("initial static IPv6").isEqualTo(v6Initial);
        assertThat(MtuMath.linkMtu(1500, false, s, h, b)).as("iface 1500").isEqualTo(iface1500);
        assertThat(MtuMath.linkMtu(9000, false, s, h, b)).as("iface 9000").isEqualTo(iface9000);
        assertThat(MtuMath.linkMtu(65535, false, s, h, b)).as("65535 (lo)").isEqualTo(iface65535);
        assertThat(MtuMath.protoOverhead(false, s, h)).as("proto_overhead").isEqualTo(protoOverhead);
        // the floor is appMTU(576 - 40 - 28), and the initial static MTU is appMtu of the family minimum
        assertThat(MtuMath.appMtu(508, s, h, b)).isEqualTo(min);
        assertThat(MtuMath.appMtu(548, s, h, b)).isEqualTo(v4Initial);
        assertThat(MtuMath.appMtu(1232, s, h, b)).isEqualTo(v6Initial);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void appMtuIsTheLargestPayloadWhoseDatagramFits(String crypto, int s, int h, int b) {
        for (int budget = 200; budget <= 9000; budget++) {
            int app = MtuMath.appMtu(budget, s, h, b);
            assertThat(MtuMath.onwireSize(app + KnetPacket.ALL_SIZE, s, h, b)).as("budget %d", budget)
                    .isLessThanOrEqualTo(budget);
            if (b == 0) {
                assertThat(MtuMath.onwireSize(app + 1 + KnetPacket.ALL_SIZE, s, h, b)).isGreaterThan(budget);
            }
        }
    }

    @Test
    void constantsAreTheNoCryptoValues() {
        assertThat(MtuMath.MIN_DATA_MTU).isEqualTo(MtuMath.minDataMtu(0, 0, 0)).isEqualTo(482);
        assertThat(MtuMath.INITIAL_STATIC_LINK_MTU_IPV4).isEqualTo(MtuMath.initialStaticLinkMtu(false, 0, 0, 0))
                .isEqualTo(522);
        assertThat(MtuMath.INITIAL_STATIC_LINK_MTU_IPV6).isEqualTo(MtuMath.initialStaticLinkMtu(true, 0, 0, 0))
                .isEqualTo(1206);
        assertThat(MtuMath.IPV4_HEADER).isEqualTo(20);
        assertThat(MtuMath.IPV6_HEADER).isEqualTo(40);
        assertThat(MtuMath.UDP_HEADER).isEqualTo(8);
        assertThat(MtuMath.SCTP_OVERHEAD).isEqualTo(28);
        assertThat(MtuMath.KNET_HEADER_ALL).isEqualTo(26);
        assertThat(MtuMath.IPV4_MIN_MTU).isEqualTo(576);
        assertThat(MtuMath.IPV6_MIN_MTU).isEqualTo(1280);
        assertThat(MtuMath.PMTUD_FIRST_PROBE).isEqualTo(65535);
        assertThat(MtuMath.ipHeader(false)).isEqualTo(20);
        assertThat(MtuMath.ipHeader(true)).isEqualTo(40);
        assertThat(MtuMath.protoOverhead(true, 0, 0)).isEqualTo(74);
    }

    @Test
    void onwireSizeAddsPkcs7PaddingSaltAndHash() {
        // a 26-byte ping becomes 80 bytes with aes256/sha256 (WIRE.md §7, verified)
        assertThat(MtuMath.onwireSize(26, 16, 32, 16)).isEqualTo(80);
        // an aligned plaintext still gets a whole block of padding
        assertThat(MtuMath.onwireSize(32, 16, 32, 16)).isEqualTo(48 + 48);
        assertThat(MtuMath.onwireSize(1, 16, 20, 16)).isEqualTo(16 + 36);
        // hash only: no padding
        assertThat(MtuMath.onwireSize(26, 0, 32, 0)).isEqualTo(58);
        assertThat(MtuMath.onwireSize(26, 0, 0, 0)).isEqualTo(26);
    }

    @Test
    void alignProbeSnapsToWhatPaddingProduces() {
        // no crypto: every size is reachable, so probes are sent as chosen (the observed 1500-path search)
        for (int onwire : new int[] {65535, 32794, 16424, 8239, 4146, 2100, 1077, 1588, 1332, 1460, 1524, 1492, 1508,
                1500, 1504, 1502, 1501}) {
            assertThat(MtuMath.alignProbe(onwire, 28, 0, 0, 0)).isEqualTo(onwire);
        }
        // aes256+sha256 over IPv4 UDP: 1500 is reachable, 1499 snaps down to the block below
        assertThat(MtuMath.alignProbe(1500, 28, 16, 32, 16)).isEqualTo(1500);
        assertThat(MtuMath.alignProbe(1499, 28, 16, 32, 16)).isEqualTo(1484);
        for (int onwire = 600; onwire < 3000; onwire++) {
            int aligned = MtuMath.alignProbe(onwire, 28, 16, 32, 16);
            assertThat(aligned).isLessThanOrEqualTo(onwire).isGreaterThan(onwire - 16);
            assertThat(MtuMath.alignProbe(aligned, 28, 16, 32, 16)).isEqualTo(aligned);
        }
    }

    @Test
    void tooSmallBudgetsGiveNonPositiveResultsInsteadOfThrowing() {
        assertThat(MtuMath.appMtu(10, 0, 0, 0)).isNegative();
        assertThat(MtuMath.appMtu(20, 16, 32, 16)).isNegative();
        assertThat(MtuMath.linkMtu(0, true, 16, 64, 16)).isNegative();
    }

    @Test
    void negativeCryptoSizesAreRefused() {
        assertThatThrownBy(() -> MtuMath.appMtu(1000, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MtuMath.onwireSize(1000, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MtuMath.minDataMtu(0, 0, -16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MtuMath.protoOverhead(false, -16, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
