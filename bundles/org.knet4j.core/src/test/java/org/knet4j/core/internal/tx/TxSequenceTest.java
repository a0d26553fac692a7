package org.knet4j.core.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** WIRE.md §4.1 and §4.3. */
class TxSequenceTest {

    @Test
    void startsAtZeroAndTheFirstDataIsOne() {
        TxSequence s = new TxSequence();
        assertThat(s.current()).as("what timed pings carry before any DATA").isZero();
        assertThat(s.next()).isEqualTo(1);
        assertThat(s.current()).isEqualTo(1);
        assertThat(s.next()).isEqualTo(2);
        assertThat(s.current()).isEqualTo(2);
    }

    @Test
    void after65535ComesOneNeverZero() {
        TxSequence s = new TxSequence();
        for (int i = 1; i <= 65535; i++) {
            assertThat(s.next()).isEqualTo(i);
        }
        assertThat(s.current()).isEqualTo(65535);
        assertThat(s.next()).isEqualTo(1);
        for (int i = 0; i < 3 * 65536; i++) {
            assertThat(s.next()).isNotZero();
        }
    }

    @Test
    void successor() {
        assertThat(TxSequence.successor(0)).isEqualTo(1);
        assertThat(TxSequence.successor(41)).isEqualTo(42);
        assertThat(TxSequence.successor(65534)).isEqualTo(65535);
        assertThat(TxSequence.successor(65535)).isEqualTo(1);
        assertThat(TxSequence.successor(70000)).isEqualTo(1);
        assertThat(TxSequence.successor(-3)).isEqualTo(1);
    }

    @Test
    void forcedPingsAtEveryMultipleOf8191() {
        List<Integer> forced = new ArrayList<>();
        for (int seq = 0; seq <= 65535; seq++) {
            if (TxSequence.isForcedPingSeq(seq)) {
                forced.add(seq);
            }
        }
        assertThat(forced).containsExactly(8191, 16382, 24573, 32764, 40955, 49146, 57337, 65528);
        assertThat(TxSequence.FORCED_PING_PERIOD).isEqualTo(65535 / 8);
    }

    @Test
    void concurrentCallersNeverShareOrLoseASeq() throws Exception {
        TxSequence s = new TxSequence();
        int threads = 4;
        int each = 10_000;
        boolean[][] seen = new boolean[threads][65536];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    seen[id][s.next()] = true;
                }
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertThat(s.current()).isEqualTo(threads * each);
        for (int seq = 1; seq <= threads * each; seq++) {
            int owners = 0;
            for (int t = 0; t < threads; t++) {
                owners += seen[t][seq] ? 1 : 0;
            }
            assertThat(owners).as("seq %d", seq).isEqualTo(1);
        }
    }
}
