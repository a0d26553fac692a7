package org.knet4j.core.internal.rx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** WIRE.md §4.2 (Lookup, Mark) and §4.4 (resync on pings), bullet by bullet, [V] examples included. */
class SeqWindowTest {
    private final SeqWindow w = new SeqWindow();

    /** A DATA message with this seq arrives and reaches the application. */
    private void deliver(int seq) {
        w.onDataSeen();
        assertThat(w.accept(seq)).as("accept %d", seq).isTrue();
        w.markDelivered(seq);
    }

    private void deliver(int from, int to) {
        for (int s = from; s <= to; s++) {
            deliver(s);
        }
    }

    @Nested
    class Lookup {
        @Test
        void anUnsetReferenceTakesTheFirstSeq() {
            assertThat(w.rxSeq()).isZero();
            assertThat(w.accept(500)).isTrue();
            assertThat(w.rxSeq()).isEqualTo(500);
        }

        @Test
        void onlyMarkMakesASeqADuplicate() {
            assertThat(w.accept(500)).isTrue();
            assertThat(w.accept(500)).as("not delivered yet, e.g. dropped by the filter").isTrue();
            assertThat(w.isDelivered(500)).isFalse();
            w.markDelivered(500);
            assertThat(w.isDelivered(500)).isTrue();
            assertThat(w.accept(500)).isFalse();
        }

        @Test
        void behindButNotDeliveredIsAcceptedAndMovesNothing() {
            deliver(200);
            assertThat(w.accept(150)).isTrue();
            assertThat(w.rxSeq()).isEqualTo(200);
        }

        @Test
        void aheadUpTo4096IsAcceptedAndClearsOnlyTheSlotsUpToIt() {
            deliver(100, 110);
            assertThat(w.accept(100 + 4096)).isTrue(); // 4086 ahead of 110, same slot as 100
            assertThat(w.rxSeq()).isEqualTo(4196);
            assertThat(w.isDelivered(100)).as("slot 100 cleared on the way").isFalse();
            assertThat(w.isDelivered(105)).as("slots 101..110 are behind seq 4196's run").isTrue();
            assertThat(w.accept(105)).isFalse();
            assertThat(w.accept(4196 + 4096)).as("exactly 4096 ahead").isTrue();
            assertThat(w.rxSeq()).isEqualTo(8292);
        }

        @Test
        void aheadBy4097IsTheFirstBigJumpAndForgetsEverything() {
            deliver(100, 110);
            assertThat(w.accept(110 + 4097)).isTrue(); // backward distance 61439: the last one that resets
            assertThat(w.rxSeq()).isEqualTo(4207);
            assertThat(w.isDelivered(105)).isFalse();
            assertThat(w.accept(105)).isTrue();
        }

        @Test
        void aContinuousStreamWrapsFrom65535To1() {
            deliver(65530, 65535);
            deliver(1, 5);
            assertThat(w.rxSeq()).isEqualTo(5);
            assertThat(w.accept(65533)).as("delivered just before the wrap").isFalse();
            assertThat(w.accept(3)).isFalse();
        }

        @Test
        void verifiedJumpThroughTheWrapDropsTheNewOneWhenOneWasDelivered() {
            deliver(1);
            // 65533..65535 are "behind" 1 by 4, 3, 2: accepted on a clear slot, and the window never moves
            deliver(65533, 65535);
            assertThat(w.rxSeq()).isEqualTo(1);
            assertThat(w.accept(1)).as("the sender's new 1 collides with the delivered 1 [V]").isFalse();
        }

        @Test
        void bigJumpsResetTheWindowAndAreAccepted() {
            deliver(1, 10);
            assertThat(w.accept(10_000)).isTrue();
            assertThat(w.rxSeq()).isEqualTo(10_000);
            assertThat(w.isDelivered(5)).isFalse();
            w.markDelivered(10_000);
            assertThat(w.accept(100)).as("a big jump backwards resets too").isTrue();
            assertThat(w.rxSeq()).isEqualTo(100);
            assertThat(w.isDelivered(10_000)).isFalse();
        }

        @Test
        void numericallyLowerSeqsAreOneCloserAs125Computes() {
            deliver(5000);
            // 5000 - 904 = 4096, but 1.25 computes rx - seq - 1 = 4095: inside the ring, on 5000's own slot
            assertThat(w.accept(904)).isFalse();
            assertThat(w.rxSeq()).isEqualTo(5000);
            // one further is outside: the window resets backwards
            assertThat(w.accept(903)).isTrue();
            assertThat(w.rxSeq()).isEqualTo(903);
        }

        @Test
        void seqZeroIsNeverSentBy125ButDoesNotBreakTheWindow() {
            assertThat(w.accept(0)).isTrue();
            assertThat(w.rxSeq()).as("0 stays the unset value").isZero();
            w.markDelivered(0);
            deliver(1);
            assertThat(w.accept(0)).isFalse();
            deliver(2);
            assertThat(w.rxSeq()).isEqualTo(2);
        }

        @Test
        void seqsAreTakenMod65536() {
            deliver(65536 + 7);
            assertThat(w.rxSeq()).isEqualTo(7);
            assertThat(w.isDelivered(7)).isTrue();
            assertThat(w.accept(7)).isFalse();
            assertThat(w.accept(-65536 + 7)).isFalse();
        }
    }

    @Nested
    class DefragRing {
        @Test
        void isSeparateFromTheDeliveredRing() {
            assertThat(w.accept(10)).isTrue();
            assertThat(w.defragSeen(10)).isFalse();
            w.markDefragSeen(10);
            assertThat(w.defragSeen(10)).isTrue();
            assertThat(w.isDelivered(10)).isFalse();
            w.markDelivered(11);
            assertThat(w.defragSeen(11)).isFalse();
        }

        @Test
        void movingTheWindowClearsItsSlotsToo() {
            assertThat(w.accept(10)).isTrue();
            w.markDefragSeen(10);
            assertThat(w.accept(10 + 4096)).isTrue();
            assertThat(w.defragSeen(10)).isFalse();
        }

        @Test
        void aLookupAheadOfTheWindowMovesItAsIn125() {
            assertThat(w.accept(10)).isTrue();
            assertThat(w.defragSeen(20)).isFalse();
            assertThat(w.rxSeq()).isEqualTo(20);
        }
    }

    @Nested
    class DefragHookCalls {
        private final Recorder hook = new Recorder();

        @Test
        void lookupReleasesAgainstTheReferenceBeforeItMoves() {
            w.attach(hook);
            w.accept(100);
            w.accept(150);
            w.accept(151);
            w.defragSeen(151);
            assertThat(hook.releases).containsExactly(100, 100, 150, 151);
            assertThat(hook.clears).isZero();
        }

        @Test
        void wipesClearTheBuffers() {
            w.attach(hook);
            w.wipe();
            assertThat(hook.clears).isEqualTo(1);
            w.onTimedPing(5);
            w.onTimedPing(0);
            assertThat(hook.clears).isEqualTo(2);
            w.onUntimedPing(8191); // no DATA since creation: wipe
            assertThat(hook.clears).isEqualTo(3);
        }

        @Test
        void oneWindowServesOneDefragmenter() {
            w.attach(hook);
            w.attach(hook);
            assertThatThrownBy(() -> w.attach(new Recorder())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new Defragmenter(w, () -> 0L)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void theKeptRangeIsTheLast33Seqs() {
            assertThat(SeqWindow.inDefragWindow(100, 100)).isTrue();
            assertThat(SeqWindow.inDefragWindow(68, 100)).isTrue();
            assertThat(SeqWindow.inDefragWindow(67, 100)).isFalse();
            assertThat(SeqWindow.inDefragWindow(101, 100)).isFalse();
            assertThat(SeqWindow.inDefragWindow(65514, 10)).as("across the wrap").isTrue();
            assertThat(SeqWindow.inDefragWindow(65513, 10)).isFalse();
            assertThat(SeqWindow.inDefragWindow(0, 10)).isTrue();
            assertThat(SeqWindow.inDefragWindow(11, 10)).isFalse();
            assertThat(SeqWindow.inDefragWindow(65503, 65535)).isTrue();
            assertThat(SeqWindow.inDefragWindow(65502, 65535)).isFalse();
        }
    }

    @Nested
    class TimedPings {
        @Test
        void aRestartedSendersSeq1IsADuplicateUntilItsTimedPingWithSeq0() {
            deliver(1, 500);
            w.onTimedPing(500);
            // the peer restarts: its first DATA is 1 again
            assertThat(w.accept(1)).as("[V] dropped as a duplicate").isFalse();
            w.onTimedPing(0);
            assertThat(w.rxSeq()).isZero();
            assertThat(w.accept(1)).as("[V] accepted after the ping with seq 0").isTrue();
            assertThat(w.rxSeq()).isEqualTo(1);
        }

        @Test
        void onlyTheFirstPingOfABurstCounts() {
            deliver(1, 10);
            w.onTimedPing(10);
            w.onTimedPing(0);
            deliver(1);
            w.onTimedPing(0); // the same ping over a second link
            assertThat(w.accept(1)).isFalse();
        }

        @Test
        void aFirstEverPingWithSeq0WipesNothingBecauseTheLastTimedSeqStartsAt0() {
            deliver(1, 3);
            w.onTimedPing(0);
            assertThat(w.accept(2)).isFalse();
            assertThat(w.rxSeq()).isEqualTo(3);
        }

        @Test
        void aNonZeroSeqIsOnlyRemembered() {
            deliver(1, 3);
            w.onTimedPing(3);
            w.onTimedPing(60_000);
            assertThat(w.rxSeq()).isEqualTo(3);
            assertThat(w.accept(2)).isFalse();
        }
    }

    @Nested
    class UntimedPings {
        @Test
        void wipeWhenNoDataArrivedSinceThePreviousUntimedPing() {
            deliver(100, 110);
            w.onUntimedPing(105); // DATA came since creation: only got_data is cleared
            assertThat(w.accept(105)).isFalse();
            assertThat(w.rxSeq()).isEqualTo(110);
            w.onUntimedPing(108); // nothing since 105: wipe, and the reference becomes 108
            assertThat(w.rxSeq()).isEqualTo(108);
            assertThat(w.accept(105)).isTrue();
            assertThat(w.accept(108)).isTrue();
        }

        @Test
        void dataInBetweenMeansNoWipeButTheWindowStillMovesToThePingSeq() {
            deliver(100, 110);
            w.onUntimedPing(105);
            deliver(111);
            w.onUntimedPing(300);
            assertThat(w.rxSeq()).isEqualTo(300);
            assertThat(w.accept(105)).as("still delivered: no wipe").isFalse();
            assertThat(w.accept(299)).isTrue();
        }

        @Test
        void theSamePingOverAnotherLinkDecidesNothingAgain() {
            deliver(100, 110);
            w.onUntimedPing(200); // got_data set: no wipe, window moves to 200
            w.onUntimedPing(200); // got_data is now clear, but the seq is the same: still no wipe
            assertThat(w.rxSeq()).isEqualTo(200);
            assertThat(w.accept(105)).isFalse();
        }

        @Test
        void theFirstPingWithoutAnyDataWipes() {
            assertThat(w.accept(50)).isTrue(); // accepted but without onDataSeen
            w.markDelivered(50);
            w.onUntimedPing(60);
            assertThat(w.rxSeq()).isEqualTo(60);
            assertThat(w.accept(50)).isTrue();
        }
    }

    @Test
    void wipeForgetsTheWindowButNotThePingHistory() {
        Recorder hook = new Recorder();
        w.attach(hook);
        w.onTimedPing(5);
        w.onTimedPing(0);
        deliver(1, 5);
        w.markDefragSeen(3);
        w.wipe();
        assertThat(w.rxSeq()).isZero();
        assertThat(hook.clears).isEqualTo(2);
        for (int s = 1; s <= 5; s++) {
            assertThat(w.isDelivered(s)).isFalse();
        }
        assertThat(w.defragSeen(3)).isFalse();
        deliver(1);
        w.onTimedPing(0); // the last timed seq is still 0: no second wipe
        assertThat(w.accept(1)).isFalse();
    }

    private static final class Recorder implements SeqWindow.DefragHook {
        final List<Integer> releases = new ArrayList<>();
        int clears;

        @Override
        public void releaseOutside(int rxSeq) {
            releases.add(rxSeq);
        }

        @Override
        public void clear() {
            clears++;
        }
    }
}
