package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knet4j.core.internal.onwire.KnetPacketTest.bytes;
import static org.knet4j.core.internal.onwire.KnetPacketTest.filled;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PingPacketTest {

    @Test
    void writeLaysOutWireMdSection3() {
        ByteBuffer b = filled(28, (byte) 0x55).order(ByteOrder.BIG_ENDIAN);
        long nanoTime = 5L * 1_000_000_000L + 0x010203; // 5 s, 66051 ns
        PingPacket.write(b, 1, 0x0A0B, 3, nanoTime, 0xBEEF, true);
        assertThat(bytes(b)).containsExactly(0x55,
                1, 0x81, 0x0A, 0x0B, 0, 0, // header
                3, // link id
                5, 0, 0, 0, 0, 0, 0, 0, // seconds, int64 LE
                0x03, 0x02, 0x01, 0, 0, 0, 0, 0, // nanoseconds, int64 LE
                0xBE, 0xEF, // seq BE
                1, // timed
                0x55);
    }

    @Test
    void writePingAppendsAtThePositionAndAdvances() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.position(10);
        PingPacket.writePing(b, 7, 2, 123L, 0, false);
        assertThat(b.position()).isEqualTo(36);
        assertThat(KnetPacket.type(b, 10)).isEqualTo(KnetPacket.TYPE_PING);
        assertThat(PingPacket.linkId(b, 10)).isEqualTo(2);
        assertThat(PingPacket.seq(b, 10)).isZero();
        assertThat(PingPacket.timed(b, 10)).isFalse();
        assertThat(PingPacket.timestampNanos(b, 10)).isEqualTo(123L);

        b.clear();
        PingPacket.writePing(b, 7, 2, 123L, 9, true);
        b.flip();
        assertThat(b.remaining()).isEqualTo(PingPacket.SIZE);
    }

    @Test
    void writePingFailsWithoutWritingWhenLessThan26BytesRemain() {
        ByteBuffer b = ByteBuffer.allocate(30);
        b.position(5);
        assertThatThrownBy(() -> PingPacket.writePing(b, 1, 0, 0L, 0, true))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(b.position()).isEqualTo(5);
        assertThat(b.array()).containsOnly(0);
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999_999_999L, 1_000_000_000L, -1L, -1_000_000_001L, Long.MAX_VALUE, Long.MIN_VALUE,
            123_456_789_012_345L})
    void timestampRoundTripsAnyNanoTime(long nanoTime) {
        ByteBuffer b = ByteBuffer.allocate(26);
        PingPacket.write(b, 0, 1, 0, nanoTime, 1, true);
        assertThat(PingPacket.timestampNanos(b, 0)).isEqualTo(nanoTime);
        long nsec = 0;
        for (int k = 7; k >= 0; k--) {
            nsec = nsec << 8 | b.get(15 + k) & 0xFF;
        }
        assertThat(nsec).as("the timespec nanoseconds stay in 0..999999999").isBetween(0L, 999_999_999L);
    }

    @Test
    void readersAreUnsignedAndTimedIsAnyNonZeroByte() {
        ByteBuffer b = ByteBuffer.allocate(26);
        b.put(6, (byte) 200).put(23, (byte) 0xFF).put(24, (byte) 0xFE).put(25, (byte) 2);
        assertThat(PingPacket.linkId(b, 0)).isEqualTo(200);
        assertThat(PingPacket.seq(b, 0)).isEqualTo(65534);
        assertThat(PingPacket.timed(b, 0)).isTrue();
        b.put(25, (byte) 0);
        assertThat(PingPacket.timed(b, 0)).isFalse();
    }

    @Test
    void toPongChangesOnlyTypeAndNodeId() {
        ByteBuffer b = ByteBuffer.allocate(30);
        PingPacket.write(b, 2, 0x0102, 5, 42_000_000_123L, 321, true);
        b.put(6, (byte) 9).put(7, (byte) 8); // pads as some peer might send them
        byte[] before = b.array().clone();
        PingPacket.toPong(b, 2, 0x0A0B);
        byte[] after = b.array();
        assertThat(after[3]).isEqualTo((byte) KnetPacket.TYPE_PONG);
        assertThat(KnetPacket.nodeId(b, 2)).isEqualTo(0x0A0B);
        for (int i = 0; i < after.length; i++) {
            if (i != 3 && i != 4 && i != 5) {
                assertThat(after[i]).as("byte %d", i).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void writePongCopiesTheTwentySixBytesVerbatimExceptTypeAndNode() {
        ByteBuffer ping = ByteBuffer.allocate(40);
        PingPacket.write(ping, 4, 0x0001, 7, 987_654_321L, 4242, false);
        byte[] pingBefore = ping.array().clone();
        ByteBuffer reply = filled(40, (byte) 0x55);
        reply.position(3);
        PingPacket.writePong(ping, 4, reply, 0x0002);
        assertThat(reply.position()).isEqualTo(29);
        assertThat(ping.array()).containsExactly(pingBefore);
        assertThat(KnetPacket.version(reply, 3)).isEqualTo(1);
        assertThat(KnetPacket.type(reply, 3)).isEqualTo(KnetPacket.TYPE_PONG);
        assertThat(KnetPacket.nodeId(reply, 3)).isEqualTo(2);
        for (int i = 6; i < 26; i++) {
            assertThat(reply.get(3 + i)).as("byte %d", i).isEqualTo(ping.get(4 + i));
        }
        assertThat(PingPacket.timestampNanos(reply, 3)).isEqualTo(987_654_321L);
        assertThat(PingPacket.seq(reply, 3)).isEqualTo(4242);
        assertThat(PingPacket.timed(reply, 3)).isFalse();
        assertThat(reply.get(2)).isEqualTo((byte) 0x55);
        assertThat(reply.get(29)).isEqualTo((byte) 0x55);
    }

    @Test
    void writePongFailsWithoutWritingWhenTheReplyBufferIsTooSmall() {
        ByteBuffer ping = ByteBuffer.allocate(26);
        PingPacket.write(ping, 0, 1, 0, 1L, 1, true);
        ByteBuffer reply = ByteBuffer.allocate(25);
        assertThatThrownBy(() -> PingPacket.writePong(ping, 0, reply, 2)).isInstanceOf(BufferOverflowException.class);
        assertThat(reply.array()).containsOnly(0);
        assertThat(reply.position()).isZero();
    }

    @Test
    void writeRefusesOutOfRangeFields() {
        ByteBuffer b = ByteBuffer.allocate(26);
        assertThatThrownBy(() -> PingPacket.write(b, 0, 1, 256, 0L, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkId");
        assertThatThrownBy(() -> PingPacket.write(b, 0, 1, 0, 0L, 65536, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> PingPacket.writePong(b, 0, ByteBuffer.allocate(26), 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ourNodeId");
    }
}
