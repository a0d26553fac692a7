package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knet4j.core.internal.onwire.KnetPacketTest.bytes;
import static org.knet4j.core.internal.onwire.KnetPacketTest.filled;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DataHeaderTest {

    @Test
    void writeProducesTheFourteenBytesOfWireMdSection2() {
        ByteBuffer b = filled(18, (byte) 0x55).order(ByteOrder.LITTLE_ENDIAN);
        DataHeader.write(b, 2, 0x0102, 0xABCD, 7, true, 3, 2, 31);
        assertThat(bytes(b)).containsExactly(0x55, 0x55,
                1, 0x00, 0x01, 0x02, 0, 0, // common header
                0xAB, 0xCD, 7, 0, 1, 3, 2, 31, // seq BE, compress, pad, bcast, frag_num, frag_seq, channel
                0x55, 0x55);
        assertThat(b.position()).isZero();
    }

    @Test
    void readersReturnWhatWriteWrote() {
        ByteBuffer b = ByteBuffer.allocate(20);
        DataHeader.write(b, 5, 65535, 65535, 255, false, 254, 254, 0);
        assertThat(KnetPacket.type(b, 5)).isEqualTo(KnetPacket.TYPE_DATA);
        assertThat(KnetPacket.nodeId(b, 5)).isEqualTo(65535);
        assertThat(DataHeader.seq(b, 5)).isEqualTo(65535);
        assertThat(DataHeader.compress(b, 5)).isEqualTo(255);
        assertThat(DataHeader.bcast(b, 5)).isZero();
        assertThat(DataHeader.fragNum(b, 5)).isEqualTo(254);
        assertThat(DataHeader.fragSeq(b, 5)).isEqualTo(254);
        assertThat(DataHeader.channel(b, 5)).isZero();

        DataHeader.write(b, 5, 0, 1, 0, true, 1, 0, 17);
        assertThat(DataHeader.seq(b, 5)).isEqualTo(1);
        assertThat(DataHeader.bcast(b, 5)).isEqualTo(1);
        assertThat(DataHeader.fragNum(b, 5)).isEqualTo(1);
        assertThat(DataHeader.fragSeq(b, 5)).isZero();
        assertThat(DataHeader.channel(b, 5)).isEqualTo(17);
    }

    @Test
    void channelIsSignedAndFragmentFieldsAreUnsignedAsReceived() {
        ByteBuffer b = ByteBuffer.allocate(14);
        b.put(11, (byte) 255).put(12, (byte) 200).put(13, (byte) 0xFF);
        assertThat(DataHeader.fragNum(b, 0)).isEqualTo(255);
        assertThat(DataHeader.fragSeq(b, 0)).isEqualTo(200);
        assertThat(DataHeader.channel(b, 0)).isEqualTo(-1);
        b.put(13, (byte) 0x80);
        assertThat(DataHeader.channel(b, 0)).isEqualTo(-128);
        b.put(13, (byte) 40);
        assertThat(DataHeader.channel(b, 0)).isEqualTo(40);
    }

    @Test
    void writeRefusesWhatA125PeerMustNeverSee() {
        ByteBuffer b = ByteBuffer.allocate(14);
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 65536, 0, true, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 256, true, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compress");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 255, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragNum: 255");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragNum: 0");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 2, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragSeq: 3 (expected: 1-2)");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 2, 0, 0))
                .as("a 1.25 receiver would write at offset -frag_size").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fragSeq: 0 (expected: 1-2)");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragSeq: 1 (expected: 0-0)");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 1, 0, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel: 32");
        assertThatThrownBy(() -> DataHeader.write(b, 0, 1, 1, 0, true, 1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel: -1");
        assertThat(b.array()).containsOnly(0);
    }

    @Test
    void constants() {
        assertThat(DataHeader.SIZE).isEqualTo(14);
        assertThat(DataHeader.MAX_FRAGMENTS).isEqualTo(254);
        assertThat(DataHeader.CHANNELS).isEqualTo(32);
    }
}
