package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    private static ByteBuffer message(long seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(65536);
        MessageCodec.fill(b, seq, size);
        return b;
    }

    @Test
    void layoutWithHeader() {
        ByteBuffer b = message(0x0102030405060708L, 12);
        assertThat(b.position()).isZero();
        assertThat(b.limit()).isEqualTo(12);
        byte[] bytes = new byte[12];
        b.duplicate().get(bytes);
        // big-endian sequence number, then (seq + i) & 0xff with i counted over the whole message
        assertThat(bytes).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 0x08 + 8, 0x08 + 9, 0x08 + 10, 0x08 + 11);
    }

    @Test
    void layoutWithoutHeader() {
        ByteBuffer b = message(300, 5); // 300 & 0xff = 44
        byte[] bytes = new byte[5];
        b.duplicate().get(bytes);
        assertThat(bytes).containsExactly(44, 45, 46, 47, 48);
    }

    @Test
    void patternWrapsAtByteBoundary() {
        ByteBuffer b = message(250, 20);
        assertThat(b.get(8) & 0xff).isEqualTo((250 + 8) & 0xff);
        assertThat(b.get(19) & 0xff).isEqualTo((250 + 19) & 0xff);
    }

    @Test
    void headerIsBigEndianWhateverTheBufferOrder() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        MessageCodec.fill(b, 1, 16);
        assertThat(b.get(7)).isEqualTo((byte) 1);
        assertThat(b.get(0)).isZero();
        assertThat(MessageCodec.verify(b)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 64, 1400, 65000, 65536})
    void roundTripWithSequenceNumber(int size) {
        for (long seq : new long[] {0, 1, 255, 256, 1L << 40}) {
            ByteBuffer b = message(seq, size);
            assertThat(MessageCodec.verify(b)).isEqualTo(seq);
            assertThat(MessageCodec.isMessage(b, seq, size)).isTrue();
            assertThat(b.position()).isZero(); // verify leaves the buffer alone
            assertThat(b.limit()).isEqualTo(size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void shortMessagesCarryNoSequenceNumber(int size) {
        for (long seq : new long[] {0, 1, 255, 256, 1000}) {
            ByteBuffer b = message(seq, size);
            assertThat(MessageCodec.verify(b)).isEqualTo(MessageCodec.NO_SEQ);
            assertThat(MessageCodec.isMessage(b, seq, size)).isTrue();
            assertThat(MessageCodec.isMessage(b, seq + 1, size)).isFalse();
        }
        assertThat(MessageCodec.hasSeq(size)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 8, 9, 1400, 65536})
    void everyFlippedByteIsCaught(int size) {
        for (int i = 0; i < size; i += Math.max(1, size / 97)) {
            ByteBuffer b = message(42, size);
            b.put(i, (byte) (b.get(i) ^ 0x01));
            if (i < MessageCodec.HEADER && size >= MessageCodec.HEADER) {
                // a flipped header byte makes another sequence number whose pattern no longer matches
                assertThat(MessageCodec.verify(b)).as("flip at %d of %d", i, size)
                        .isNotEqualTo(42L);
            } else {
                assertThat(MessageCodec.verify(b)).as("flip at %d of %d", i, size).isEqualTo(MessageCodec.CORRUPT);
            }
            assertThat(MessageCodec.isMessage(b, 42, size)).isFalse();
        }
    }

    @Test
    void headerFlipIsCorruptWhenThePatternFollows() {
        ByteBuffer b = message(42, 64);
        b.put(7, (byte) 43); // seq now 43, but the pattern is 42's
        assertThat(MessageCodec.verify(b)).isEqualTo(MessageCodec.CORRUPT);
        ByteBuffer c = message(42, 64);
        c.put(0, (byte) 1); // seq now 2^56 + 42: the low byte still fits the pattern, so the number is believed
        assertThat(MessageCodec.verify(c)).isEqualTo((1L << 56) + 42);
        assertThat(MessageCodec.isMessage(c, 42, 64)).isFalse();
    }

    @Test
    void wrongSequenceNumber() {
        ByteBuffer b = message(7, 100);
        assertThat(MessageCodec.isMessage(b, 8, 100)).isFalse();
        assertThat(MessageCodec.isMessage(b, 7, 99)).isFalse();
        ByteBuffer shortOne = message(7, 3);
        assertThat(MessageCodec.isMessage(shortOne, 8, 3)).isFalse();
    }

    @Test
    void negativeSequenceNumberIsCorrupt() {
        ByteBuffer b = message(-1L, 16);
        assertThat(MessageCodec.verify(b)).isEqualTo(MessageCodec.CORRUPT);
    }

    @Test
    void verifyReadsFromThePosition() {
        ByteBuffer b = ByteBuffer.allocate(100);
        ByteBuffer m = message(5, 20);
        b.position(30);
        b.put(m);
        b.flip().position(30);
        assertThat(MessageCodec.verify(b)).isEqualTo(5);
        assertThat(MessageCodec.isMessage(b, 5, 20)).isTrue();
    }

    @Test
    void emptyIsCorrupt() {
        assertThat(MessageCodec.verify(ByteBuffer.allocate(0))).isEqualTo(MessageCodec.CORRUPT);
    }

    @Test
    void fillRejectsBadSizes() {
        assertThatThrownBy(() -> MessageCodec.fill(ByteBuffer.allocate(10), 0, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCodec.fill(ByteBuffer.allocate(10), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
