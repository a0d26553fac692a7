package org.knet4j.core.internal.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knet4j.core.internal.rx.Defragmenter.Result.BAD_FRAG_NUM;
import static org.knet4j.core.internal.rx.Defragmenter.Result.COMPLETE;
import static org.knet4j.core.internal.rx.Defragmenter.Result.DUPLICATE_FRAGMENT;
import static org.knet4j.core.internal.rx.Defragmenter.Result.EXPIRED;
import static org.knet4j.core.internal.rx.Defragmenter.Result.NEED_MORE;
import static org.knet4j.core.internal.rx.RxPath.count;
import static org.knet4j.core.internal.rx.RxPath.fragment;
import static org.knet4j.core.internal.rx.RxPath.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * WIRE.md §5.1, modelled on libknet's int_defrag_edge_cases (API.md §5, cases 1–7), and the buffer lifetime rules.
 */
class DefragmenterTest {
    private final RxPath rx = new RxPath();

    /** Send every fragment of {@code msg} cut at {@code size}, in the given 1-based order; return the results. */
    private List<Defragmenter.Result> send(int seq, byte[] msg, int size, int... order) {
        int n = count(msg.length, size);
        List<Defragmenter.Result> results = new ArrayList<>();
        for (int i : order) {
            results.add(rx.receive(seq, n, i, fragment(msg, size, i)));
        }
        return results;
    }

    private static int[] inOrder(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i + 1;
        }
        return o;
    }

    private static int[] shuffled(int n, long seed) {
        List<Integer> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(i);
        }
        Collections.shuffle(l, new Random(seed));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Nested
    class EdgeCases {
        @Test
        void case1LastFragmentFirstWithASizeUnlikeOurOwnMtu() {
            byte[] m = message(2500, 1); // 777 + 777 + 777 + 169
            assertThat(send(1, m, 777, 4, 1, 2, 3)).containsExactly(NEED_MORE, NEED_MORE, NEED_MORE, COMPLETE);
            byte[] m2 = message(2500, 2);
            assertThat(send(2, m2, 777, 4, 3, 2, 1)).endsWith(COMPLETE);
            byte[] m3 = message(2000, 3); // last as long as the others
            assertThat(send(3, m3, 1000, 2, 1)).containsExactly(NEED_MORE, COMPLETE);
            byte[] m4 = message(3 * 300 + 1, 4); // a 1-byte last fragment parked first
            assertThat(send(4, m4, 300, 4, 2, 1, 3)).endsWith(COMPLETE);
            assertThat(rx.delivered).containsExactly(m, m2, m3, m4);
        }

        @Test
        void case2AllBuffersBusyTheLeastRecentlyUpdatedIsReclaimed() {
            byte[][] msgs = new byte[34][];
            for (int s = 1; s <= 32; s++) {
                msgs[s] = message(1500, s);
                rx.now = s;
                assertThat(send(s, msgs[s], 500, 1)).containsExactly(NEED_MORE);
            }
            assertThat(rx.defrag.assembling()).isEqualTo(32);
            rx.now = 40;
            assertThat(send(1, msgs[1], 500, 2)).containsExactly(NEED_MORE); // seq 1 is fresh again
            rx.now = 41;
            msgs[33] = message(1500, 33);
            assertThat(send(33, msgs[33], 500, 1)).containsExactly(NEED_MORE);
            assertThat(rx.defrag.isAssembling(2)).as("seq 2 was the oldest").isFalse();
            assertThat(rx.defrag.isAssembling(1)).isTrue();
            assertThat(rx.defrag.assembling()).isEqualTo(32);

            assertThat(send(33, msgs[33], 500, 3, 2)).containsExactly(NEED_MORE, COMPLETE);
            assertThat(send(2, msgs[2], 500, 2, 3)).as("its partial message is lost").containsExactly(EXPIRED, EXPIRED);
            assertThat(send(1, msgs[1], 500, 3)).containsExactly(COMPLETE);
            for (int s = 3; s <= 32; s++) {
                assertThat(send(s, msgs[s], 500, 3, 2)).containsExactly(NEED_MORE, COMPLETE);
            }
            assertThat(rx.deliveredSeqs).hasSize(32).doesNotContain(2);
            for (int i = 0; i < rx.delivered.size(); i++) {
                assertThat(rx.delivered.get(i)).isEqualTo(msgs[rx.deliveredSeqs.get(i)]);
            }
            assertThat(rx.defrag.assembling()).isZero();
        }

        @Test
        void case2bADuplicateRefreshesItsBufferAs125Does() {
            for (int s = 1; s <= 32; s++) {
                rx.now = s;
                send(s, message(1000, s), 500, 1);
            }
            rx.now = 40;
            assertThat(send(1, message(1000, 1), 500, 1)).containsExactly(DUPLICATE_FRAGMENT);
            rx.now = 41;
            send(33, message(1000, 33), 500, 1);
            assertThat(rx.defrag.isAssembling(1)).isTrue();
            assertThat(rx.defrag.isAssembling(2)).isFalse();
        }

        @Test
        void case3AHundredFragmentsNear64KiBStayInBounds() {
            byte[] m = message(65536, 3);
            assertThat(count(m.length, 656)).isEqualTo(100);
            List<Defragmenter.Result> r = send(7, m, 656, shuffled(100, 3));
            assertThat(r).last().isEqualTo(COMPLETE);
            assertThat(r.subList(0, 99)).containsOnly(NEED_MORE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void case4ADuplicateFragmentGivesExactlyOnePacket() {
            byte[] m = message(900, 4);
            assertThat(send(9, m, 500, 1, 1, 2)).containsExactly(NEED_MORE, DUPLICATE_FRAGMENT, COMPLETE);
            assertThat(send(9, m, 500, 2)).as("dropped by Lookup once delivered")
                    .containsExactly((Defragmenter.Result) null);
            assertThat(rx.defrag.offer(9, 2, 2, ByteBuffer.wrap(fragment(m, 500, 2)))).as("and expired in defrag")
                    .isEqualTo(EXPIRED);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void case5TheWorstCaseAtTheFloorMtu() {
            byte[] m = message(65536, 5);
            assertThat(count(m.length, 482)).isEqualTo(136);
            int[] reverse = new int[136];
            for (int i = 0; i < 136; i++) {
                reverse[i] = 136 - i;
            }
            assertThat(send(11, m, 482, reverse)).last().isEqualTo(COMPLETE);
            assertThat(rx.delivered).containsExactly(m);
        }

        @Test
        void case6PacketsMarkedOneOfOneAreDeliveredNormally() {
            byte[] a = message(1000, 61);
            byte[] single = message(300, 62);
            byte[] single2 = message(1, 63);
            assertThat(send(20, a, 500, 1)).containsExactly(NEED_MORE);
            assertThat(rx.receive(21, 1, 0, single)).isEqualTo(COMPLETE);
            assertThat(rx.receive(22, 1, 1, single2)).as("frag_seq ignored for 1/1, §2 rule 6").isEqualTo(COMPLETE);
            assertThat(send(20, a, 500, 2)).containsExactly(COMPLETE);
            assertThat(rx.delivered).containsExactly(single, single2, a);
            assertThat(rx.defrag.offer(23, 1, 1, ByteBuffer.wrap(single))).as("not the defragmenter's job")
                    .isEqualTo(BAD_FRAG_NUM);
            assertThat(rx.defrag.assembling()).isZero();
        }

        @Test
        void case7InterleavedMessagesAcrossTheSeqWrap() {
            int[] seqs = {65534, 65535, 0, 1};
            byte[][] msgs = new byte[4][];
            for (int i = 0; i < 4; i++) {
                msgs[i] = message(1400, 70 + i); // 500 + 500 + 400
            }
            int[][] orders = {{3, 1, 2}, {1, 2, 3}, {2, 3, 1}, {3, 2, 1}};
            List<Defragmenter.Result> last = new ArrayList<>();
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 4; i++) {
                    Defragmenter.Result r = send(seqs[i], msgs[i], 500, orders[i][step]).get(0);
                    if (step == 2) {
                        last.add(r);
                    } else {
                        assertThat(r).isEqualTo(NEED_MORE);
                    }
                }
            }
            assertThat(last).containsOnly(COMPLETE);
            assertThat(rx.deliveredSeqs).containsExactly(65534, 65535, 0, 1);
            for (int i = 0; i < 4; i++) {
                assertThat(rx.delivered.get(i)).isEqualTo(msgs[i]);
            }
        }
    }

    @Nested
    class Lifetimes {
        @Test
        void theCompletedMessageIsReadableUntilReleased() {
            byte[] m = message(1200, 1);
            Defragmenter d = rx.defrag;
            rx.window.accept(5);
            assertThat(d.offer(5, 3, 1, ByteBuffer.wrap(fragment(m, 500, 1)))).isEqualTo(NEED_MORE);
            assertThat(d.offer(5, 3, 3, ByteBuffer.wrap(fragment(m, 500, 3)))).isEqualTo(NEED_MORE);
            assertThatThrownBy(d::completedMessage).isInstanceOf(IllegalStateException.class);
            assertThat(d.offer(5, 3, 2, ByteBuffer.wrap(fragment(m, 500, 2)))).isEqualTo(COMPLETE);
            ByteBuffer msg = d.completedMessage();
            assertThat(msg.position()).isZero();
            assertThat(msg.remaining()).isEqualTo(1200);
            msg.position(100); // the caller may move it; the next call starts over
            assertThat(d.completedMessage().remaining()).isEqualTo(1200);
            // the window moving far away does not touch a completed message
            rx.window.accept(30_000);
            assertThat(bytes(d.completedMessage())).isEqualTo(m);
            d.releaseCompleted();
            assertThatThrownBy(d::completedMessage).isInstanceOf(IllegalStateException.class);
            d.releaseCompleted(); // harmless twice
        }

        @Test
        void theNextOfferReleasesAPendingMessage() {
            byte[] m = message(600, 2);
            send(5, m, 300, 2); // through RxPath: assembling
            rx.window.accept(5);
            assertThat(rx.defrag.offer(5, 2, 1, ByteBuffer.wrap(fragment(m, 300, 1)))).isEqualTo(COMPLETE);
            rx.defrag.offer(6, 2, 1, ByteBuffer.wrap(fragment(m, 300, 1)));
            assertThatThrownBy(rx.defrag::completedMessage).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void storesAreAllocatedOnceAndReused() {
            Defragmenter d = rx.defrag;
            byte[] backing = null;
            for (int s = 1; s <= 5; s++) {
                byte[] m = message(800, s);
                rx.window.accept(s);
                d.offer(s, 2, 1, ByteBuffer.wrap(fragment(m, 400, 1)));
                assertThat(d.offer(s, 2, 2, ByteBuffer.wrap(fragment(m, 400, 2)))).isEqualTo(COMPLETE);
                ByteBuffer out = d.completedMessage();
                if (backing == null) {
                    backing = out.array();
                }
                assertThat(out.array()).isSameAs(backing);
                assertThat(backing.length).isEqualTo(65536);
                d.releaseCompleted();
            }
        }

        @Test
        void releaseOutsideFreesWhatTheWindowLeftBehind() {
            send(100, message(900, 1), 300, 1);
            send(110, message(900, 2), 300, 1);
            rx.defrag.releaseOutside(132);
            assertThat(rx.defrag.isAssembling(100)).isTrue();
            rx.defrag.releaseOutside(133);
            assertThat(rx.defrag.isAssembling(100)).isFalse();
            assertThat(rx.defrag.isAssembling(110)).isTrue();
            rx.defrag.releaseOutside(99);
            assertThat(rx.defrag.assembling()).as("ahead of the reference is outside too").isZero();
        }

        @Test
        void theWindowsLookupDrivesTheRelease() {
            send(100, message(900, 1), 300, 1);
            send(101, message(900, 2), 300, 1);
            assertThat(rx.receive(133, 1, 0, message(10, 3))).isEqualTo(COMPLETE);
            assertThat(rx.defrag.assembling()).as("released at the next Lookup, against 133").isEqualTo(2);
            assertThat(rx.receive(134, 1, 0, message(10, 4))).isEqualTo(COMPLETE);
            assertThat(rx.defrag.isAssembling(100)).isFalse();
            assertThat(rx.defrag.isAssembling(101)).isTrue();
            assertThat(send(100, message(900, 1), 300, 2)).containsExactly(EXPIRED);
        }

        @Test
        void clearDropsEverythingAndAWipeClearsThroughTheWindow() {
            byte[] m = message(600, 9);
            send(1, m, 300, 1);
            send(2, m, 300, 1, 2);
            assertThat(rx.defrag.assembling()).isEqualTo(1);
            rx.window.accept(3);
            rx.defrag.offer(3, 2, 1, ByteBuffer.wrap(fragment(m, 300, 1)));
            assertThat(rx.defrag.offer(3, 2, 2, ByteBuffer.wrap(fragment(m, 300, 2)))).isEqualTo(COMPLETE);
            rx.defrag.clear();
            assertThat(rx.defrag.assembling()).isZero();
            assertThatThrownBy(rx.defrag::completedMessage).isInstanceOf(IllegalStateException.class);

            send(10, m, 300, 1);
            rx.window.onTimedPing(10);
            rx.window.onTimedPing(0);
            assertThat(rx.defrag.assembling()).isZero();
            assertThat(send(10, m, 300, 2)).as("after a wipe the seq is new again").containsExactly(NEED_MORE);
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
