package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KnetPacketTest {

    @Test
    void constantsMatchWireMd() {
        assertThat(KnetPacket.VERSION).isEqualTo(1);
        assertThat(KnetPacket.TYPE_DATA).isEqualTo(0x00);
        assertThat(KnetPacket.TYPE_PING).isEqualTo(0x81);
        assertThat(KnetPacket.TYPE_PONG).isEqualTo(0x82);
        assertThat(KnetPacket.TYPE_PMTUD).isEqualTo(0x83);
        assertThat(KnetPacket.TYPE_PMTUD_REPLY).isEqualTo(0x84);
        assertThat(KnetPacket.HEADER_SIZE).isEqualTo(6);
        assertThat(KnetPacket.MIN_PACKET_SIZE).isEqualTo(7);
        assertThat(KnetPacket.DATA_HEADER_SIZE).isEqualTo(14);
        assertThat(KnetPacket.PING_SIZE).isEqualTo(26);
        assertThat(KnetPacket.PMTUD_HEADER_SIZE).isEqualTo(9);
        assertThat(KnetPacket.ALL_SIZE).isEqualTo(26);
        assertThat(KnetPacket.MAX_PACKET_SIZE).isEqualTo(65536);
    }

    @Test
    void writeHeaderWritesOneTypeBigEndianIdAndTwoZerosAtTheBase() {
        ByteBuffer b = filled(16, (byte) 0x55);
        b.order(ByteOrder.LITTLE_ENDIAN); // must not matter
        b.position(2).limit(12);
        KnetPacket.writeHeader(b, 3, KnetPacket.TYPE_PMTUD, 0x1234);
        assertThat(bytes(b)).containsExactly(0x55, 0x55, 0x55, 1, 0x83, 0x12, 0x34, 0, 0, 0x55, 0x55, 0x55, 0x55, 0x55,
                0x55, 0x55);
        assertThat(b.position()).isEqualTo(2);
        assertThat(b.limit()).isEqualTo(12);
    }

    @Test
    void readersAreUnsignedAndRelativeToTheBase() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 9, (byte) 0xFE, (byte) 0x84, (byte) 0xFF, (byte) 0xFF, 0, 0});
        assertThat(KnetPacket.version(b, 2)).isEqualTo(254);
        assertThat(KnetPacket.type(b, 2)).isEqualTo(0x84);
        assertThat(KnetPacket.nodeId(b, 2)).isEqualTo(65535);
        KnetPacket.writeHeader(b, 2, KnetPacket.TYPE_DATA, 258);
        assertThat(KnetPacket.version(b, 2)).isEqualTo(1);
        assertThat(KnetPacket.type(b, 2)).isZero();
        assertThat(KnetPacket.nodeId(b, 2)).isEqualTo(258);
        assertThat(b.get(3)).isEqualTo((byte) 0);
        assertThat(b.get(4)).isEqualTo((byte) 1);
        assertThat(b.get(5)).isEqualTo((byte) 2);
    }

    @Test
    void everyNodeIdRoundTrips() {
        ByteBuffer b = ByteBuffer.allocate(6);
        for (int id = 0; id <= 65535; id++) {
            KnetPacket.writeHeader(b, 0, KnetPacket.TYPE_PING, id);
            assertThat(KnetPacket.nodeId(b, 0)).isEqualTo(id);
        }
    }

    @Test
    void writeHeaderRefusesValuesThatDoNotFitTheirFields() {
        ByteBuffer b = ByteBuffer.allocate(6);
        assertThatThrownBy(() -> KnetPacket.writeHeader(b, 0, 256, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type: 256");
        assertThatThrownBy(() -> KnetPacket.writeHeader(b, 0, 0, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId: 65536 (expected: 0-65535)");
        assertThatThrownBy(() -> KnetPacket.writeHeader(b, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.array()).containsOnly(0);
    }

    @Test
    void serviceTypesAreTheOnesWithTheHighBit() {
        assertThat(KnetPacket.isService(KnetPacket.TYPE_DATA)).isFalse();
        assertThat(KnetPacket.isService(KnetPacket.TYPE_PING)).isTrue();
        assertThat(KnetPacket.isService(KnetPacket.TYPE_PONG)).isTrue();
        assertThat(KnetPacket.isService(KnetPacket.TYPE_PMTUD)).isTrue();
        assertThat(KnetPacket.isService(KnetPacket.TYPE_PMTUD_REPLY)).isTrue();
        assertThat(KnetPacket.isService(0x7F)).isFalse();
    }

    static ByteBuffer filled(int size, byte value) {
        byte[] a = new byte[size];
        Arrays.fill(a, value);
        return ByteBuffer.wrap(a);
    }

    /** The whole backing array as unsigned ints, for containsExactly. */
    static int[] bytes(ByteBuffer b) {
        ByteBuffer all = b.duplicate().clear();
        int[] out = new int[all.capacity()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i) & 0xFF;
        }
        return out;
    }
}
