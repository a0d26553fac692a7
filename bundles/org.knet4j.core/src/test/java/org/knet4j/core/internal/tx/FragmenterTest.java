package org.knet4j.core.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.KnetPacket;

class FragmenterTest {

    @ParameterizedTest(name = "{0} bytes at mtu {1} -> {2}")
    @CsvSource({
        "1, 482, 1", "481, 482, 1", "482, 482, 1", "483, 482, 2", "1400, 482, 3", "65536, 482, 136",
        "65536, 1446, 46", "65536, 65481, 2", "65481, 65481, 1", "65536, 65536, 1",
        "65536, 259, 254", "65536, 258, -1", "254, 1, 254", "255, 1, -1",
        "0, 482, -1", "65537, 482, -1", "-1, 482, -1", "100, 0, -1", "100, -5, -1"})
    void fragmentCountIsCeilingOrMinusOne(int length, int mtu, int expected) {
        assertThat(Fragmenter.fragmentCount(length, mtu)).isEqualTo(expected);
    }

    @Test
    void fragmentLengthIsTheMtuExceptForTheLast() {
        assertThat(Fragmenter.fragmentLength(1400, 482, 1, 3)).isEqualTo(482);
        assertThat(Fragmenter.fragmentLength(1400, 482, 2, 3)).isEqualTo(482);
        assertThat(Fragmenter.fragmentLength(1400, 482, 3, 3)).isEqualTo(436);
        assertThat(Fragmenter.fragmentLength(964, 482, 2, 2)).isEqualTo(482);
        assertThat(Fragmenter.fragmentLength(300, 482, 1, 1)).isEqualTo(300);
    }

    @Test
    void anUnfragmentedMessageHasFragSeqZero() {
        ByteBuffer msg = ByteBuffer.wrap(new byte[] {10, 20, 30});
        ByteBuffer dst = ByteBuffer.allocate(64);
        Fragmenter.writeFragment(dst, 0x0102, 0x0304, 2, false, 5, msg, 482, 1, 1);
        assertThat(dst.position()).isEqualTo(17);
        byte[] expected = {1, 0, 1, 2, 0, 0, 3, 4, 2, 0, 0, 1, 0, 5, 10, 20, 30};
        byte[] actual = new byte[17];
        dst.get(0, actual);
        assertThat(actual).containsExactly(expected);
        assertThat(msg.position()).as("the message is not consumed").isZero();
    }

    @Test
    void nonLastFragmentsAreExactlyTheMtuAndSharePerMessageFields() {
        byte[] content = new byte[1400];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        // the message sits in the middle of a larger buffer: offsets are from its position
        ByteBuffer big = ByteBuffer.allocate(2000);
        big.put(300, content);
        ByteBuffer msg = big.duplicate().position(300).limit(1700);
        int n = Fragmenter.fragmentCount(msg.remaining(), 482);
        ByteBuffer dst = ByteBuffer.allocate(600);
        int offset = 0;
        for (int f = 1; f <= n; f++) {
            dst.clear();
            dst.position(7); // a caller may reserve room in front
            Fragmenter.writeFragment(dst, 9, 65535, 7, true, 31, msg, 482, f, n);
            int len = dst.position() - 7 - DataHeader.SIZE;
            assertThat(len).isEqualTo(f < n ? 482 : 436);
            assertThat(KnetPacket.type(dst, 7)).isEqualTo(KnetPacket.TYPE_DATA);
            assertThat(KnetPacket.nodeId(dst, 7)).isEqualTo(9);
            assertThat(DataHeader.seq(dst, 7)).isEqualTo(65535);
            assertThat(DataHeader.compress(dst, 7)).isEqualTo(7);
            assertThat(DataHeader.bcast(dst, 7)).isEqualTo(1);
            assertThat(DataHeader.fragNum(dst, 7)).isEqualTo(3);
            assertThat(DataHeader.fragSeq(dst, 7)).isEqualTo(f);
            assertThat(DataHeader.channel(dst, 7)).isEqualTo(31);
            for (int i = 0; i < len; i++) {
                assertThat(dst.get(7 + DataHeader.SIZE + i)).isEqualTo(content[offset + i]);
            }
            offset += len;
        }
        assertThat(offset).isEqualTo(1400);
        assertThat(msg.position()).isEqualTo(300);
        assertThat(msg.limit()).isEqualTo(1700);
    }

    @Test
    void aPacketThatDoesNotFitIsRefusedBeforeAnythingIsWritten() {
        ByteBuffer msg = ByteBuffer.allocate(1000);
        ByteBuffer dst = ByteBuffer.allocate(14 + 481);
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, msg, 482, 1, 3))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(dst.position()).isZero();
        assertThat(dst.array()).containsOnly(0);
        Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, msg, 482, 3, 3); // the 36-byte last one fits
        assertThat(dst.position()).isEqualTo(14 + 36);
    }

    @Test
    void inconsistentArgumentsAreProgrammingErrors() {
        ByteBuffer msg = ByteBuffer.allocate(1000);
        ByteBuffer dst = ByteBuffer.allocate(600);
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, msg, 482, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragNum: 2 (expected: 3");
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, msg, 482, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragIndex: 0");
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, msg, 482, 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragIndex: 4");
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, ByteBuffer.allocate(0), 482, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 0, ByteBuffer.allocate(65536), 258, 1,
                -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fragmenter.writeFragment(dst, 1, 1, 0, true, 32, msg, 482, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        assertThat(dst.position()).isZero();
    }

    @Test
    void constants() {
        assertThat(Fragmenter.MAX_FRAGMENTS).isEqualTo(254);
    }
}
