package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void format() {
        ResultLine r = ResultLine.of(Mode.RECV, 1000, 0, 0, 1000, 1400, 0.5);
        assertThat(r.format()).isEqualTo(
                "RESULT mode=recv received=1000 corrupt=0 missing=0 seconds=0.500 msgs_per_s=2000.0 MBps=2.800");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void latencyAddsPercentiles() {
        ResultLine r = ResultLine.of(Mode.LATENCY, 10, 0, 0, 10, 64, 1).withLatency(55, 120);
        assertThat(r.format()).endsWith(" MBps=0.001 p50_us=55 p99_us=120");
    }

    @Test
    void zeroSecondsGivesZeroRates() {
        assertThat(ResultLine.of(Mode.BENCH_RX, 1, 0, 0, 1, 64, 0).format())
                .contains("seconds=0.000 msgs_per_s=0.0 MBps=0.000");
    }

    @Test
    void exitCodes() {
        for (Mode m : Mode.values()) {
            assertThat(ResultLine.of(m, 1, 1, 0, 1, 1, 1).exitCode()).as("corrupt fails %s", m).isEqualTo(1);
            assertThat(ResultLine.of(m, 1, 0, 0, 1, 1, 1).exitCode()).isZero();
        }
        assertThat(ResultLine.of(Mode.SEND, 1, 0, 1, 1, 1, 1).exitCode()).isEqualTo(1);
        assertThat(ResultLine.of(Mode.RECV, 1, 0, 1, 1, 1, 1).exitCode()).isEqualTo(1);
        assertThat(ResultLine.of(Mode.ECHO, 1, 0, 1, 1, 1, 1).exitCode()).isEqualTo(1);
        assertThat(ResultLine.of(Mode.BENCH_RX, 1, 0, 1, 1, 1, 1).exitCode()).isZero();
        assertThat(ResultLine.of(Mode.BENCH_TX, 1, 0, 1, 1, 1, 1).exitCode()).isZero();
        assertThat(ResultLine.of(Mode.LATENCY, 1, 0, 1, 1, 1, 1).exitCode()).isZero();
    }

    @Test
    void percentiles() {
        LongSamples s = new LongSamples(1);
        assertThat(s.percentile(50)).isZero();
        for (int i = 100; i >= 1; i--) {
            s.add(i);
        }
        assertThat(s.percentile(50)).isEqualTo(50);
        assertThat(s.percentile(99)).isEqualTo(99);
        assertThat(s.percentile(100)).isEqualTo(100);
    }
}
