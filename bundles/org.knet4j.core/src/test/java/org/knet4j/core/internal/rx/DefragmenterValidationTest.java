package org.knet4j.core.internal.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.rx.Defragmenter.Result.BAD_FRAG_NUM;
import static org.knet4j.core.internal.rx.Defragmenter.Result.BAD_FRAG_SEQ;
import static org.knet4j.core.internal.rx.Defragmenter.Result.COMPLETE;
import static org.knet4j.core.internal.rx.Defragmenter.Result.DUPLICATE_FRAGMENT;
import static org.knet4j.core.internal.rx.Defragmenter.Result.EMPTY_FRAGMENT;
import static org.knet4j.core.internal.rx.Defragmenter.Result.EXPIRED;
import static org.knet4j.core.internal.rx.Defragmenter.Result.FRAG_NUM_MISMATCH;
import static org.knet4j.core.internal.rx.Defragmenter.Result.LAST_TOO_LONG;
import static org.knet4j.core.internal.rx.Defragmenter.Result.NEED_MORE;
import static org.knet4j.core.internal.rx.Defragmenter.Result.SIZE_MISMATCH;
import static org.knet4j.core.internal.rx.Defragmenter.Result.TOO_LONG;
import static org.knet4j.core.internal.rx.RxPath.fragment;
import static org.knet4j.core.internal.rx.RxPath.message;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What 1.25 does not check and CVE-2026-15813 exploits (WIRE.md §5.1 rule 6): every malformed fragment is refused
 * with its reason, leaves no trace (no buffer taken, no seq flagged, nothing overwritten), and the legitimate message
 * beside it still assembles byte for byte.
 */
class DefragmenterValidationTest {
    private final RxPath rx = new RxPath();

    private static byte[] bytes(int n) {
        return message(n, n);
    }

    /** After a refused fragment of a new seq: nothing was taken or flagged, so a valid message with it still works. */
    private void assertSeqUntouched(int seq) {
        assertThat(rx.defrag.isAssembling(seq)).isFalse();
        byte[] m = message(700, seq);
        assertThat(rx.receive(seq, 2, 2, fragment(m, 400, 2))).as("not EXPIRED: the seq was never flagged")
                .isEqualTo(NEED_MORE);
        assertThat(rx.receive(seq, 2, 1, fragment(m, 400, 1))).isEqualTo(COMPLETE);
        assertThat(rx.delivered.get(rx.delivered.size() - 1)).isEqualTo(m);
    }

    @Nested
    class SecFragSequence {
        @Test
        void fragSeqZeroIsRejected() {
            assertThat(rx.receive(1, 2, 0, bytes(100))).isEqualTo(BAD_FRAG_SEQ);
            assertSeqUntouched(1);
        }

        @Test
        void fiveOfTwoIsRejected() {
            assertThat(rx.receive(2, 2, 5, bytes(100))).isEqualTo(BAD_FRAG_SEQ);
            assertSeqUntouched(2);
        }

        @Test
        void aValidFragmentIsAccepted() {
            assertThat(rx.receive(3, 2, 1, bytes(100))).isEqualTo(NEED_MORE);
        }

        @Test
        void fragNum255IsRejected() {
            assertThat(rx.receive(4, 255, 1, bytes(100))).isEqualTo(BAD_FRAG_NUM);
            assertThat(rx.receive(4, 255, 255, bytes(100))).isEqualTo(BAD_FRAG_NUM);
            assertSeqUntouched(4);
        }

        @Test
        void fragNum254IsAcceptedAndAssembles() {
            byte[] m = message(254 * 258, 5);
            assertThat(rx.receive(5, 254, 1, fragment(m, 258, 1))).isEqualTo(NEED_MORE);
            for (int i = 254; i >= 3; i--) {
                assertThat(rx.receive(5, 254, i, fragment(m, 258, i))).isEqualTo(NEED_MORE);
            }
            assertThat(rx.receive(5, 254, 2, fragment(m, 258, 2))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }
    }

    @Nested
    class Stateless {
        @Test
        void fragNumZeroOneOrNegativeIsNotAFragment() {
            assertThat(rx.defrag.offer(6, 0, 0, ByteBuffer.wrap(bytes(10)))).isEqualTo(BAD_FRAG_NUM);
            assertThat(rx.defrag.offer(6, 1, 1, ByteBuffer.wrap(bytes(10)))).isEqualTo(BAD_FRAG_NUM);
            assertThat(rx.defrag.offer(6, -3, 1, ByteBuffer.wrap(bytes(10)))).isEqualTo(BAD_FRAG_NUM);
            assertThat(rx.defrag.offer(6, 2, -1, ByteBuffer.wrap(bytes(10)))).isEqualTo(BAD_FRAG_SEQ);
            assertSeqUntouched(6);
        }

        @Test
        void anEmptyFragmentIsRejected() {
            assertThat(rx.receive(7, 3, 1, new byte[0])).isEqualTo(EMPTY_FRAGMENT);
            assertThat(rx.receive(7, 3, 3, new byte[0])).isEqualTo(EMPTY_FRAGMENT);
            assertSeqUntouched(7);
        }

        @Test
        void sizesThatCannotFit64KiBAreRejectedBeforeTakingABuffer() {
            // a non-last fragment of 40000 with frag_num 3: at least 2 × 40000 + 1 bytes
            assertThat(rx.receive(8, 3, 1, bytes(40_000))).isEqualTo(TOO_LONG);
            // a last fragment of 40000 with frag_num 2: the other is at least as long
            assertThat(rx.receive(8, 2, 2, bytes(40_000))).isEqualTo(TOO_LONG);
            // the limit itself is fine: 2 fragments of 32768
            assertThat(rx.receive(9, 2, 2, bytes(32_768))).isEqualTo(NEED_MORE);
            assertSeqUntouched(8);
        }
    }

    @Nested
    class AgainstTheBuffer {
        private final byte[] m = message(250, 42); // 100 + 100 + 50

        @Test
        void aDifferentFragNumIsRejected() {
            assertThat(rx.receive(10, 3, 1, fragment(m, 100, 1))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(10, 4, 2, fragment(m, 100, 2))).isEqualTo(FRAG_NUM_MISMATCH);
            assertThat(rx.receive(10, 2, 2, fragment(m, 100, 2))).isEqualTo(FRAG_NUM_MISMATCH);
            assertThat(rx.receive(10, 3, 3, fragment(m, 100, 3))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(10, 3, 2, fragment(m, 100, 2))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void aNonLastFragmentOfAnotherSizeIsRejected() {
            assertThat(rx.receive(11, 3, 1, fragment(m, 100, 1))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(11, 3, 2, bytes(99))).isEqualTo(SIZE_MISMATCH);
            assertThat(rx.receive(11, 3, 2, bytes(101))).isEqualTo(SIZE_MISMATCH);
            assertThat(rx.receive(11, 3, 2, fragment(m, 100, 2))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(11, 3, 3, fragment(m, 100, 3))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void aLastFragmentLongerThanTheOthersIsRejected() {
            assertThat(rx.receive(12, 3, 1, fragment(m, 100, 1))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(12, 3, 3, bytes(101))).isEqualTo(LAST_TOO_LONG);
            assertThat(rx.receive(12, 3, 3, fragment(m, 100, 3))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(12, 3, 2, fragment(m, 100, 2))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void aNonLastFragmentShorterThanTheParkedLastOneIsRejected() {
            assertThat(rx.receive(13, 3, 3, fragment(m, 100, 3))).isEqualTo(NEED_MORE); // 50 bytes, parked
            assertThat(rx.receive(13, 3, 1, bytes(49))).isEqualTo(LAST_TOO_LONG);
            assertThat(rx.receive(13, 3, 1, fragment(m, 100, 1))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(13, 3, 2, fragment(m, 100, 2))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void aNonLastFragmentAfterTheLastOneMayNotImplyMoreThan64KiB() {
            byte[] big = message(65536, 14); // 65526 + 10
            assertThat(rx.receive(14, 2, 2, fragment(big, 65526, 2))).isEqualTo(NEED_MORE); // 10 bytes, parked
            // 65530 alone could be fine (65530 + 1), but with the parked 10 it makes 65540
            assertThat(rx.receive(14, 2, 1, bytes(65_530))).isEqualTo(TOO_LONG);
            assertThat(rx.receive(14, 2, 1, fragment(big, 65526, 1))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(big);
        }

        @Test
        void aLastFragmentAfterTheOthersMayNotImplyMoreThan64KiB() {
            byte[] big = message(65536, 15); // 65530 + 6
            assertThat(rx.receive(15, 2, 1, fragment(big, 65530, 1))).isEqualTo(NEED_MORE);
            assertThat(rx.receive(15, 2, 2, bytes(7))).isEqualTo(TOO_LONG);
            assertThat(rx.receive(15, 2, 2, fragment(big, 65530, 2))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(big);
        }

        @Test
        void aDuplicateIsNotStoredAgain() {
            assertThat(rx.receive(16, 3, 1, fragment(m, 100, 1))).isEqualTo(NEED_MORE);
            byte[] forged = fragment(m, 100, 1).clone();
            forged[0] ^= 0x7F;
            assertThat(rx.receive(16, 3, 1, forged)).isEqualTo(DUPLICATE_FRAGMENT);
            rx.receive(16, 3, 2, fragment(m, 100, 2));
            assertThat(rx.receive(16, 3, 3, fragment(m, 100, 3))).isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }
    }

    @Test
    void aBarrageOfMalformedFragmentsLeavesOtherBuffersIntact() {
        byte[] a = message(1000, 20);
        byte[] b = message(1000, 21);
        rx.receive(20, 3, 1, fragment(a, 400, 1));
        rx.receive(21, 3, 3, fragment(b, 400, 3));
        for (int seq = 20; seq <= 22; seq++) {
            rx.receive(seq, 3, 0, bytes(400));
            rx.receive(seq, 3, 4, bytes(400));
            rx.receive(seq, 255, 2, bytes(400));
            rx.receive(seq, 4, 2, bytes(400));
            rx.receive(seq, 3, 2, bytes(150)); // 20: not its size; 21: shorter than its parked 200-byte last
            rx.receive(seq, 3, 2, bytes(50_000));
            rx.receive(seq, 3, 3, bytes(401));
            rx.receive(seq, 3, 2, new byte[0]);
        }
        assertThat(rx.receive(20, 3, 3, fragment(a, 400, 3))).isEqualTo(NEED_MORE);
        assertThat(rx.receive(20, 3, 2, fragment(a, 400, 2))).isEqualTo(COMPLETE);
        assertThat(rx.receive(21, 3, 1, fragment(b, 400, 1))).isEqualTo(NEED_MORE);
        assertThat(rx.receive(21, 3, 2, fragment(b, 400, 2))).isEqualTo(COMPLETE);
        assertThat(rx.delivered).containsExactly(a, b);
    }

    @Test
    void reasonsAreSplitIntoOrdinaryAndMalformed() {
        for (Defragmenter.Result r : Defragmenter.Result.values()) {
            boolean ordinary = r == NEED_MORE || r == COMPLETE || r == DUPLICATE_FRAGMENT || r == EXPIRED;
            assertThat(r.isMalformed()).as(r.name()).isEqualTo(!ordinary);
        }
    }
}
