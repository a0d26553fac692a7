package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.BAD_CHANNEL;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.BAD_FRAGMENT;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.BAD_VERSION;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.OK;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.TOO_LONG;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.TOO_SHORT;
import static org.knet4j.core.internal.onwire.PacketValidator.Verdict.UNKNOWN_TYPE;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketValidatorTest {

    /** A DATA packet at base 0 with the given fields and payload length. */
    private static ByteBuffer data(int fragNum, int fragSeq, int channel, int payload) {
        ByteBuffer b = ByteBuffer.allocate(DataHeader.SIZE + payload);
        KnetPacket.writeHeader(b, 0, KnetPacket.TYPE_DATA, 1);
        b.put(11, (byte) fragNum).put(12, (byte) fragSeq).put(13, (byte) channel);
        return b;
    }

    private static ByteBuffer service(int type, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        KnetPacket.writeHeader(b, 0, type, 1);
        return b;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", ByteBuffer.allocate(0), TOO_SHORT),
                Arguments.of("6 bytes", service(KnetPacket.TYPE_PING, 6), TOO_SHORT),
                Arguments.of("version 2", ByteBuffer.wrap(new byte[] {2, 0, 0, 1, 0, 0, 0, 0}), BAD_VERSION),
                Arguments.of("version 0", ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0, 0, 0, 0}), BAD_VERSION),
                Arguments.of("type 0x77", ByteBuffer.wrap(new byte[] {1, 0x77, 0, 1, 0, 0, 0, 0}), UNKNOWN_TYPE),
                Arguments.of("type 0x80", service(0x80, 26), UNKNOWN_TYPE),
                Arguments.of("type 0x85", service(0x85, 26), UNKNOWN_TYPE),
                Arguments.of("DATA header without payload", data(1, 0, 0, 0), TOO_SHORT),
                Arguments.of("DATA 1 payload byte", data(1, 0, 0, 1), OK),
                Arguments.of("DATA 65536 payload bytes", data(1, 0, 0, 65536), OK),
                Arguments.of("DATA 65537 payload bytes", data(1, 0, 0, 65537), TOO_LONG),
                Arguments.of("PING 25", service(KnetPacket.TYPE_PING, 25), TOO_SHORT),
                Arguments.of("PING 26", service(KnetPacket.TYPE_PING, 26), OK),
                Arguments.of("PING 27", service(KnetPacket.TYPE_PING, 27), OK),
                Arguments.of("PONG 25", service(KnetPacket.TYPE_PONG, 25), TOO_SHORT),
                Arguments.of("PONG 26", service(KnetPacket.TYPE_PONG, 26), OK),
                Arguments.of("PMTUD 8", service(KnetPacket.TYPE_PMTUD, 8), TOO_SHORT),
                Arguments.of("PMTUD 9", service(KnetPacket.TYPE_PMTUD, 9), OK),
                Arguments.of("PMTUD 65000", service(KnetPacket.TYPE_PMTUD, 65000), OK),
                Arguments.of("PMTUD_REPLY 8", service(KnetPacket.TYPE_PMTUD_REPLY, 8), TOO_SHORT),
                Arguments.of("PMTUD_REPLY 9", service(KnetPacket.TYPE_PMTUD_REPLY, 9), OK),
                Arguments.of("frag_num 0", data(0, 0, 0, 10), BAD_FRAGMENT),
                Arguments.of("frag_num 255", data(255, 1, 0, 10), BAD_FRAGMENT),
                Arguments.of("frag_num 254 frag_seq 254", data(254, 254, 0, 10), OK),
                Arguments.of("frag_seq 0 of 2", data(2, 0, 0, 10), BAD_FRAGMENT),
                Arguments.of("frag_seq 5 of 2", data(2, 5, 0, 10), BAD_FRAGMENT),
                Arguments.of("frag_seq 2 of 2", data(2, 2, 0, 10), OK),
                Arguments.of("1/1 (frag_seq ignored as 1.25 does, §2 rule 6)", data(1, 1, 0, 10), OK),
                Arguments.of("1 with frag_seq 200", data(1, 200, 0, 10), OK),
                Arguments.of("channel 31", data(1, 0, 31, 10), OK),
                Arguments.of("channel 32", data(1, 0, 32, 10), BAD_CHANNEL),
                Arguments.of("channel 40", data(1, 0, 40, 10), BAD_CHANNEL),
                Arguments.of("channel -1", data(1, 0, -1, 10), BAD_CHANNEL));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void classifies(String name, ByteBuffer packet, PacketValidator.Verdict expected) {
        assertThat(PacketValidator.check(packet, 0, packet.limit())).isEqualTo(expected);
    }

    @Test
    void checksTheGivenRegionNotTheWholeBuffer() {
        ByteBuffer b = ByteBuffer.allocate(100);
        KnetPacket.writeHeader(b, 40, KnetPacket.TYPE_PING, 1);
        assertThat(PacketValidator.check(b, 40, 26)).isEqualTo(OK);
        assertThat(PacketValidator.check(b, 40, 25)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(b, 0, 26)).as("zeros at 0: version 0").isEqualTo(BAD_VERSION);
    }

    @Test
    void aRegionOutsideTheBufferIsNoPacket() {
        ByteBuffer b = service(KnetPacket.TYPE_PING, 26);
        assertThat(PacketValidator.check(b, 0, 27)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(b, 1, 26)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(b, -1, 26)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(b, 0, -5)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(b, Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(TOO_SHORT);
        assertThat(PacketValidator.check(null, 0, 26)).isEqualTo(TOO_SHORT);
        b.limit(20);
        assertThat(PacketValidator.check(b, 0, 26)).as("past the limit").isEqualTo(TOO_SHORT);
    }

    @Property(tries = 3000)
    void anyBytesAtAnyRegionGiveAVerdictAndNeverThrow(@ForAll @Size(max = 300) byte[] raw,
            @ForAll @IntRange(min = -2, max = 310) int base, @ForAll @IntRange(min = -2, max = 310) int len,
            @ForAll boolean looksValid) {
        if (looksValid && raw.length > 1) {
            raw[0] = 1; // let the deeper checks run more often
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        PacketValidator.Verdict v = PacketValidator.check(b, base, len);
        assertThat(v).isNotNull();
        if (v == OK) {
            // whatever passed can be read by the accessors without leaving the region
            int type = KnetPacket.type(b, base);
            if (type == KnetPacket.TYPE_DATA) {
                assertThat(len).isGreaterThan(DataHeader.SIZE);
                assertThat(DataHeader.channel(b, base)).isBetween(0, 31);
            } else {
                assertThat(len).isGreaterThanOrEqualTo(PmtudPacket.HEADER_SIZE);
            }
        }
    }
}
