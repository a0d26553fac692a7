package org.knet4j.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** One duplicate per caller buffer, with the caller's window each time; the caller's buffer is never moved. */
class ReusedDuplicateTest {
    private final ReusedDuplicate dups = new ReusedDuplicate();

    @Test
    void theSameBufferGetsTheSameDuplicateWithItsCurrentWindow() {
        ByteBuffer msg = ByteBuffer.allocate(100);
        msg.position(5).limit(50);
        ByteBuffer d = dups.of(msg);
        assertThat(d.position()).isEqualTo(5);
        assertThat(d.limit()).isEqualTo(50);
        d.position(40).limit(45); // the send path moves it to a fragment
        msg.position(0).limit(80);
        ByteBuffer again = dups.of(msg);
        assertThat(again).isSameAs(d);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(80);
        assertThat(msg.position()).isZero();
        assertThat(msg.limit()).isEqualTo(80);
    }

    @Test
    void anotherBufferGetsItsOwnDuplicate() {
        ByteBuffer a = ByteBuffer.allocate(10);
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put(0, (byte) 9);
        ByteBuffer da = dups.of(a);
        ByteBuffer db = dups.of(b);
        assertThat(db).isNotSameAs(da);
        assertThat(db.get(0)).isEqualTo((byte) 9);
    }
}
