package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class PayloadPatternTest {
    @Test
    void randomMatchesTheCPeersXorshift32() {
        // the C peer's pattern_init("random"): first eight bytes and the last one, printed by the same C code
        byte[] t = PayloadPattern.RANDOM.table();
        assertThat(new byte[] {t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]})
                .containsExactly(43, -108, 123, 119, -46, 22, 80, 41);
        assertThat(t[PayloadPattern.TABLE_SIZE - 1]).isEqualTo((byte) -72);
    }

    @Test
    void seqIsTheOriginalContent() {
        ByteBuffer a = ByteBuffer.allocate(1400);
        MessageCodec.fill(a, 300, 1400, PayloadPattern.SEQ);
        for (int i = 8; i < 1400; i++) {
            assertThat(a.get(i)).isEqualTo((byte) (300 + i));
        }
    }

    @Test
    void runsAreRunsOf32() {
        byte[] t = PayloadPattern.RUNS.table();
        assertThat(t[0]).isEqualTo(t[31]);
        assertThat(t[31]).isNotEqualTo(t[32]);
        assertThat(t[40 * 32 + 5]).isEqualTo((byte) 40);
    }

    private static int deflated(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(data);
        }
        return out.size();
    }

    @Test
    void runsCompressAndRandomDoesNot() throws Exception {
        for (int size : new int[] {200, 1400, 65536}) {
            ByteBuffer runs = ByteBuffer.allocate(size);
            MessageCodec.fill(runs, 5, size, PayloadPattern.RUNS);
            ByteBuffer random = ByteBuffer.allocate(size);
            MessageCodec.fill(random, 5, size, PayloadPattern.RANDOM);
            assertThat(deflated(runs.array())).as("runs, %d", size).isLessThan(size / 2);
            assertThat(deflated(random.array())).as("random, %d", size).isGreaterThanOrEqualTo(size);
        }
    }

    @Test
    void everyPatternVerifiesAndCatchesAFlippedByte() {
        for (PayloadPattern p : PayloadPattern.values()) {
            for (int size : new int[] {3, 9, 31, 200, 65536}) {
                ByteBuffer b = ByteBuffer.allocate(size);
                MessageCodec.fill(b, 77, size, p);
                assertThat(MessageCodec.verify(b, 77, p)).as("%s %d", p, size).isEqualTo(77);
                assertThat(MessageCodec.isMessage(b, 77, size, p)).isTrue();
                assertThat(MessageCodec.isPattern(b, p)).isTrue();
                b.put(size - 1, (byte) (b.get(size - 1) ^ 0x10));
                assertThat(MessageCodec.verify(b, 77, p)).as("%s %d flipped", p, size).isEqualTo(MessageCodec.CORRUPT);
            }
        }
    }

    @Test
    void parsesTheFlag() throws Exception {
        assertThat(PayloadPattern.parse("random")).isEqualTo(PayloadPattern.RANDOM);
        assertThat(PayloadPattern.parse("runs")).isEqualTo(PayloadPattern.RUNS);
        assertThat(PayloadPattern.parse("seq")).isEqualTo(PayloadPattern.SEQ);
        assertThatThrownBy(() -> PayloadPattern.parse("zeros")).isInstanceOf(UsageException.class)
                .hasMessageContaining("zeros");
    }
}
