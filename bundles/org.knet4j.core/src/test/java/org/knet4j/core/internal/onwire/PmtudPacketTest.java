package org.knet4j.core.internal.onwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knet4j.core.internal.onwire.KnetPacketTest.filled;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PmtudPacketTest {

    @Test
    void probeHasLittleEndianSizeAndZeroFill() {
        ByteBuffer b = filled(1500, (byte) 0x55).order(ByteOrder.BIG_ENDIAN);
        b.position(4);
        PmtudPacket.writeProbe(b, 0x0304, 6, 1500, 1472);
        assertThat(b.position()).isEqualTo(4 + 1472);
        byte[] a = b.array();
        assertThat(a[4]).isEqualTo((byte) 1);
        assertThat(a[5]).isEqualTo((byte) 0x83);
        assertThat(a[6]).isEqualTo((byte) 0x03);
        assertThat(a[7]).isEqualTo((byte) 0x04);
        assertThat(a[8]).isZero();
        assertThat(a[9]).isZero();
        assertThat(a[10]).isEqualTo((byte) 6);
        assertThat(a[11]).as("1500 = 0x05DC, low byte first").isEqualTo((byte) 0xDC);
        assertThat(a[12]).isEqualTo((byte) 0x05);
        for (int i = 13; i < 4 + 1472; i++) {
            assertThat(a[i]).as("fill byte %d", i).isZero();
        }
        assertThat(a[3]).isEqualTo((byte) 0x55);
        assertThat(a[4 + 1472]).isEqualTo((byte) 0x55);
        assertThat(PmtudPacket.linkId(b, 4)).isEqualTo(6);
        assertThat(PmtudPacket.size(b, 4)).isEqualTo(1500);
    }

    @Test
    void theSmallestProbeIsJustTheHeaderAndTheLargestSizeFits() {
        ByteBuffer b = ByteBuffer.allocate(9);
        PmtudPacket.writeProbe(b, 1, 255, 65535, 9);
        assertThat(b.position()).isEqualTo(9);
        assertThat(PmtudPacket.size(b, 0)).isEqualTo(65535);
        assertThat(PmtudPacket.linkId(b, 0)).isEqualTo(255);
    }

    @Test
    void replyEchoesTheFirstNineBytesRetagged() {
        ByteBuffer probe = ByteBuffer.allocate(600);
        PmtudPacket.writeProbe(probe, 0x0001, 3, 576, 548);
        // a big-endian peer would write 576 as 02 40: the reply echoes the two bytes as they came
        probe.put(7, (byte) 0x02).put(8, (byte) 0x40);
        byte[] probeBefore = probe.array().clone();
        ByteBuffer reply = filled(16, (byte) 0x55);
        reply.position(2);
        PmtudPacket.writeReply(probe, 0, reply, 0x0ABC);
        assertThat(reply.position()).isEqualTo(2 + PmtudPacket.REPLY_SIZE);
        assertThat(probe.array()).containsExactly(probeBefore);
        assertThat(KnetPacket.version(reply, 2)).isEqualTo(1);
        assertThat(KnetPacket.type(reply, 2)).isEqualTo(KnetPacket.TYPE_PMTUD_REPLY);
        assertThat(KnetPacket.nodeId(reply, 2)).isEqualTo(0x0ABC);
        assertThat(PmtudPacket.linkId(reply, 2)).isEqualTo(3);
        assertThat(reply.get(2 + 7)).isEqualTo(probe.get(7));
        assertThat(reply.get(2 + 8)).isEqualTo(probe.get(8));
        assertThat(PmtudPacket.size(reply, 2)).isEqualTo(0x4002);
        assertThat(reply.get(1)).isEqualTo((byte) 0x55);
        assertThat(reply.get(11)).isEqualTo((byte) 0x55);
    }

    @Test
    void writersFailWithoutWritingWhenThePacketDoesNotFit() {
        ByteBuffer small = ByteBuffer.allocate(100);
        small.position(1);
        assertThatThrownBy(() -> PmtudPacket.writeProbe(small, 1, 0, 100, 100))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isEqualTo(1);
        assertThat(small.array()).containsOnly(0);

        ByteBuffer probe = ByteBuffer.allocate(9);
        PmtudPacket.writeProbe(probe, 1, 0, 100, 9);
        ByteBuffer reply = ByteBuffer.allocate(8);
        assertThatThrownBy(() -> PmtudPacket.writeReply(probe, 0, reply, 2))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(reply.array()).containsOnly(0);
    }

    @Test
    void writeProbeRefusesOutOfRangeArguments() {
        ByteBuffer b = ByteBuffer.allocate(100);
        assertThatThrownBy(() -> PmtudPacket.writeProbe(b, 1, 0, 100, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalLength: 8");
        assertThatThrownBy(() -> PmtudPacket.writeProbe(b, 1, 0, 65536, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onwireSize");
        assertThatThrownBy(() -> PmtudPacket.writeProbe(b, 1, 256, 100, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkId");
        assertThatThrownBy(() -> PmtudPacket.writeReply(b, 0, ByteBuffer.allocate(9), -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ourNodeId");
        assertThat(b.position()).isZero();
    }
}
