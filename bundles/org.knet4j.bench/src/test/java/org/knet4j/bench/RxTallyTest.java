package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RxTallyTest {
    private static ByteBuffer message(long seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size, 8) + 1);
        MessageCodec.fill(b, seq, size);
        return b;
    }

    @Test
    void countsMissingAgainstTheCount() {
        RxTally t = new RxTally(64, 10);
        for (long seq : new long[] {0, 1, 2, 5, 9}) {
            assertThat(t.record(message(seq, 64), seq * 1_000_000)).isEqualTo(RxTally.Verdict.GOOD);
        }
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.corrupt()).isZero();
        assertThat(t.missing()).isEqualTo(5);
        assertThat(t.bytes()).isEqualTo(5 * 64);
        assertThat(t.seconds()).isEqualTo(0.009);
    }

    @Test
    void duplicatesWrongSizesAndNumbersBeyondTheCountAreCorrupt() {
        RxTally t = new RxTally(64, 10);
        t.record(message(3, 64), 0);
        assertThat(t.record(message(3, 64), 1)).isEqualTo(RxTally.Verdict.DUPLICATE);
        ByteBuffer bad = message(4, 64);
        bad.put(30, (byte) 0);
        assertThat(t.record(bad, 2)).isEqualTo(RxTally.Verdict.CORRUPT);
        assertThat(t.record(message(4, 65), 3)).as("wrong size").isEqualTo(RxTally.Verdict.CORRUPT);
        assertThat(t.record(message(10, 64), 4)).as("beyond the count").isEqualTo(RxTally.Verdict.CORRUPT);
        assertThat(t.received()).isEqualTo(1);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.corrupt()).isEqualTo(4);
        assertThat(t.missing()).isEqualTo(9);
        assertThat(t.bytes()).isEqualTo(4 * 64 + 65);
    }

    @Test
    void shortMessagesMustComeInOrder() {
        RxTally t = new RxTally(3, 4);
        assertThat(t.record(message(0, 3), 0)).isEqualTo(RxTally.Verdict.GOOD);
        assertThat(t.record(message(1, 3), 0)).isEqualTo(RxTally.Verdict.GOOD);
        assertThat(t.record(message(1, 3), 0)).as("expected 2").isEqualTo(RxTally.Verdict.CORRUPT);
        assertThat(t.record(message(2, 3), 0)).isEqualTo(RxTally.Verdict.GOOD);
        assertThat(t.corrupt()).isEqualTo(1);
        assertThat(t.missing()).isEqualTo(1);
    }

    @Test
    void zeroCountTakesNothing() {
        RxTally t = new RxTally(8, 0);
        assertThat(t.record(message(0, 8), 0)).isEqualTo(RxTally.Verdict.CORRUPT);
        assertThat(t.missing()).isZero();
    }

    @Test
    void warmupMessagesAreCheckedButLeftOutOfTheRate() {
        RxTally t = new RxTally(64, 10, PayloadPattern.SEQ, 3);
        // three warm-up messages 1 s apart, then four counted ones 10 ms apart
        for (long seq = 0; seq < 3; seq++) {
            t.record(message(seq, 64), seq * 1_000_000_000L);
        }
        ByteBuffer bad = message(3, 64);
        bad.put(20, (byte) 0);
        assertThat(t.record(bad, 3_000_000_000L)).as("corrupt, and the first counted message")
                .isEqualTo(RxTally.Verdict.CORRUPT);
        for (long seq = 4; seq < 7; seq++) {
            t.record(message(seq, 64), 3_000_000_000L + (seq - 3) * 10_000_000L);
        }
        assertThat(t.received()).as("warm-up messages are still received").isEqualTo(6);
        assertThat(t.corrupt()).isEqualTo(1);
        assertThat(t.missing()).isEqualTo(4);
        assertThat(t.rated()).as("good messages after the warm-up").isEqualTo(3);
        assertThat(t.bytes()).as("bytes after the warm-up, the corrupt one included").isEqualTo(4 * 64);
        assertThat(t.seconds()).as("from the first message after the warm-up").isEqualTo(0.03);
    }

    @Test
    void withoutWarmupEveryGoodMessageIsRated() {
        RxTally t = new RxTally(64, 10);
        t.record(message(0, 64), 0);
        t.record(message(1, 64), 1_000_000);
        assertThat(t.rated()).isEqualTo(t.received()).isEqualTo(2);
    }
}
