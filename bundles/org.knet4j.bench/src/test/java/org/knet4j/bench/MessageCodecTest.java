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
        ByteBuffer big = message(255, 65536);
        assertThat(big.get(65535) & 0xff).isEqualTo((255 + 65535) & 0xff);
    }

    @Test
    void headerIsBigEndianWhateverTheBufferOrder() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        MessageCodec.fill(b, 1, 16);
        assertThat(b.get(7)).isEqualTo((byte) 1);
        assertThat(b.get(0)).isZero();
        assertThat(MessageCodec.verify(b, 99)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 64, 1400, 65000, 65536})
    void roundTripWithSequenceNumber(int size) {
        for (long seq : new long[] {0, 1, 255, 256, 1L << 40}) {
            ByteBuffer b = message(seq, size);
            assertThat(MessageCodec.verify(b, 12345)).as("the header wins").isEqualTo(seq);
            assertThat(MessageCodec.isMessage(b, seq, size)).isTrue();
            assertThat(MessageCodec.isPattern(b)).isTrue();
            assertThat(b.position()).isZero(); // the checks leave the buffer alone
            assertThat(b.limit()).isEqualTo(size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void shortMessagesAreCheckedAgainstTheExpectedNumber(int size) {
        for (long seq : new long[] {0, 1, 255, 256, 1000}) {
            ByteBuffer b = message(seq, size);
            assertThat(MessageCodec.verify(b, seq)).isEqualTo(seq);
            assertThat(MessageCodec.verify(b, seq + 256)).as("known modulo 256").isEqualTo(seq + 256);
            assertThat(MessageCodec.verify(b, seq + 1)).isEqualTo(MessageCodec.CORRUPT);
            assertThat(MessageCodec.isMessage(b, seq, size)).isTrue();
            assertThat(MessageCodec.isMessage(b, seq + 1, size)).isFalse();
            assertThat(MessageCodec.isPattern(b)).isTrue();
        }
        assertThat(MessageCodec.hasSeq(size)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 9, 1400, 65536})
    void everyFlippedByteIsCaught(int size) {
        for (int i = 0; i < size; i += Math.max(1, size / 97)) {
            ByteBuffer b = message(42, size);
            b.put(i, (byte) (b.get(i) ^ 0x01));
            assertThat(MessageCodec.verify(b, 42)).as("flip at %d of %d", i, size).isNotEqualTo(42L);
            assertThat(MessageCodec.isMessage(b, 42, size)).as("flip at %d of %d", i, size).isFalse();
            if (i >= MessageCodec.HEADER || size < MessageCodec.HEADER) {
                assertThat(MessageCodec.verify(b, 42)).isEqualTo(MessageCodec.CORRUPT);
            }
        }
    }

    @Test
    void headerFlipIsCorruptUnlessThePatternStillFits() {
        ByteBuffer b = message(42, 64);
        b.put(7, (byte) 43); // seq now 43, but the pattern is 42's
        assertThat(MessageCodec.verify(b, 0)).isEqualTo(MessageCodec.CORRUPT);
        assertThat(MessageCodec.isPattern(b)).isFalse();
        ByteBuffer c = message(42, 64);
        c.put(0, (byte) 1); // seq now 2^56 + 42: its low byte still fits the pattern, so the number is believed
        assertThat(MessageCodec.verify(c, 0)).isEqualTo((1L << 56) + 42);
        assertThat(MessageCodec.isMessage(c, 42, 64)).isFalse();
    }

    @Test
    void wrongSequenceNumberOrSize() {
        ByteBuffer b = message(7, 100);
        assertThat(MessageCodec.isMessage(b, 8, 100)).isFalse();
        assertThat(MessageCodec.isMessage(b, 7, 99)).isFalse();
        assertThat(MessageCodec.isMessage(message(7, 3), 8, 3)).isFalse();
    }

    @Test
    void negativeSequenceNumberIsCorrupt() {
        assertThat(MessageCodec.verify(message(-1L, 16), 0)).isEqualTo(MessageCodec.CORRUPT);
    }

    @Test
    void checksReadFromThePosition() {
        ByteBuffer b = ByteBuffer.allocate(100);
        b.position(30);
        b.put(message(5, 20));
        b.flip().position(30);
        assertThat(MessageCodec.verify(b, 0)).isEqualTo(5);
        assertThat(MessageCodec.isMessage(b, 5, 20)).isTrue();
        assertThat(b.position()).isEqualTo(30);
    }

    @Test
    void directBuffers() {
        ByteBuffer b = ByteBuffer.allocateDirect(1400);
        MessageCodec.fill(b, 77, 1400);
        assertThat(MessageCodec.verify(b, 0)).isEqualTo(77);
        b.put(700, (byte) 0);
        assertThat(MessageCodec.verify(b, 0)).isEqualTo(MessageCodec.CORRUPT);
    }

    @Test
    void emptyIsCorrupt() {
        assertThat(MessageCodec.verify(ByteBuffer.allocate(0), 0)).isEqualTo(MessageCodec.CORRUPT);
        assertThat(MessageCodec.isPattern(ByteBuffer.allocate(0))).isFalse();
    }

    @Test
    void fillRejectsBadSizes() {
        assertThatThrownBy(() -> MessageCodec.fill(ByteBuffer.allocate(10), 0, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCodec.fill(ByteBuffer.allocate(10), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
