package org.knet4j.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** Views at position 0 over the message's window, read-only, reused per buffer and start, and never stale. */
class ReadOnlySlicesTest {
    private final ReadOnlySlices slices = new ReadOnlySlices();

    private static ByteBuffer counting(int n) {
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        for (int i = 0; i < n; i++) {
            b.put(i, (byte) i);
        }
        return b;
    }

    @Test
    void aViewStartsAtZeroOverTheWindowAndLeavesTheMessageAlone() {
        ByteBuffer msg = counting(100);
        msg.position(10).limit(30);
        ByteBuffer v = slices.of(msg);
        assertThat(v.position()).isZero();
        assertThat(v.remaining()).isEqualTo(20);
        assertThat(v.get(0)).isEqualTo((byte) 10);
        assertThat(v.isReadOnly()).isTrue();
        assertThatThrownBy(() -> v.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(msg.position()).isEqualTo(10);
        assertThat(msg.limit()).isEqualTo(30);
    }

    @Test
    void theSameBufferAndStartGetTheSameViewWithTheNewLength() {
        ByteBuffer msg = counting(100);
        msg.position(0).limit(50);
        ByteBuffer first = slices.of(msg);
        first.get(); // a callback may move it
        msg.limit(70);
        ByteBuffer second = slices.of(msg);
        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(70);
    }

    @Test
    void startsAStrideApartKeepTheirOwnViews() {
        ByteBuffer batch = counting(16 * 1000);
        ByteBuffer[] seen = new ByteBuffer[16];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 16; k++) {
                batch.limit(k * 1000 + 500).position(k * 1000 + 14);
                ByteBuffer v = slices.of(batch);
                assertThat(v.get(0)).isEqualTo((byte) (k * 1000 + 14));
                if (round == 0) {
                    seen[k] = v;
                } else {
                    assertThat(v).as("slot of start %d reused", k * 1000 + 14).isSameAs(seen[k]);
                }
            }
        }
    }

    @Test
    void anotherBufferOrStartIsNeverServedAStaleView() {
        ByteBuffer a = counting(100);
        ByteBuffer b = counting(100);
        b.put(0, (byte) 77);
        assertThat(slices.of(a).get(0)).isEqualTo((byte) 0);
        assertThat(slices.of(b).get(0)).isEqualTo((byte) 77);
        a.position(ReadOnlySlices.SLOTS); // same slot as 0, another start
        assertThat(slices.of(a).get(0)).isEqualTo((byte) ReadOnlySlices.SLOTS);
    }
}
