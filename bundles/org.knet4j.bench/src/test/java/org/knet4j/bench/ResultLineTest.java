package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void formatAsTheCPeer() {
        ResultLine r = ResultLine.of(Mode.RECV, 1000, 0, 0, 0.5, 1_400_000, false);
        assertThat(r.format()).isEqualTo(
                "RESULT mode=recv received=1000 corrupt=0 missing=0 seconds=0.500 msgs_per_s=2000.0 MBps=2.80");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void latencyAddsPercentiles() {
        ResultLine r = ResultLine.of(Mode.LATENCY, 10, 0, 0, 1, 640, false).withLatency(55, 120);
        assertThat(r.format()).endsWith(" MBps=0.00 p50_us=55 p99_us=120");
    }

    @Test
    void zeroSecondsGivesZeroRates() {
        assertThat(ResultLine.of(Mode.BENCH_RX, 1, 0, 0, 0, 64, false).format())
                .contains("seconds=0.000 msgs_per_s=0.0 MBps=0.00");
    }

    @Test
    void exitCodesAsTheCPeer() {
        for (Mode m : Mode.values()) {
            assertThat(ResultLine.of(m, 1, 1, 0, 1, 1, false).exitCode()).as("corrupt fails %s", m).isEqualTo(1);
            assertThat(ResultLine.of(m, 1, 0, 0, 1, 1, true).exitCode()).as("failed %s", m).isEqualTo(1);
            assertThat(ResultLine.of(m, 1, 0, 0, 1, 1, false).exitCode()).isZero();
        }
        assertThat(ResultLine.of(Mode.RECV, 1, 0, 1, 1, 1, false).exitCode()).isEqualTo(1);
        assertThat(ResultLine.of(Mode.LATENCY, 1, 0, 1, 1, 1, false).exitCode()).isEqualTo(1);
        assertThat(ResultLine.of(Mode.BENCH_RX, 1, 0, 1, 1, 1, false).exitCode()).isZero();
        assertThat(ResultLine.of(Mode.ECHO, 1, 0, 1, 1, 1, false).exitCode()).isZero();
    }

    @Test
    void percentilesAsTheCPeer() {
        LongSamples s = new LongSamples(1);
        assertThat(s.atIndex(0)).isZero();
        for (int i = 100; i >= 1; i--) {
            s.add(i);
        }
        assertThat(s.atIndex(s.size() / 2)).isEqualTo(51);
        assertThat(s.atIndex(s.size() * 99 / 100)).isEqualTo(100);
        assertThat(s.atIndex(1000)).isEqualTo(100);
        s.add(0);
        assertThat(s.atIndex(0)).isZero();
    }
}
