package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** --bind2/--peer2/--cut-link/--cut-after-ms, and the receiver's dup= and max_gap_ms= (the C peer's flags). */
class RedundantLinkFlagsTest {
    private static PeerOptions parse(String... more) throws UsageException {
        String[] base = {"--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:5000", "--peer", "127.0.0.1:6000",
            "--mode", "recv", "--links", "2"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return PeerOptions.parse(all);
    }

    @Test
    void secondAddressesApplyFromLinkOneOn() throws Exception {
        PeerOptions o = parse("--bind2", "127.0.0.2", "--peer2=127.0.0.3");
        assertThat(o.bind(0)).isEqualTo(new InetSocketAddress("127.0.0.1", 5000));
        assertThat(o.peer(0)).isEqualTo(new InetSocketAddress("127.0.0.1", 6000));
        assertThat(o.bind(1)).isEqualTo(new InetSocketAddress("127.0.0.2", 5001));
        assertThat(o.peer(1)).isEqualTo(new InetSocketAddress("127.0.0.3", 6001));
    }

    @Test
    void withoutSecondAddressesEveryLinkUsesTheFirst() throws Exception {
        PeerOptions o = parse();
        assertThat(o.bind(1)).isEqualTo(new InetSocketAddress("127.0.0.1", 5001));
        assertThat(o.redundantLinks().cutLink()).isEqualTo(-1);
    }

    @Test
    void cutFlags() throws Exception {
        PeerOptions o = parse("--cut-link", "1", "--cut-after-ms", "250");
        assertThat(o.redundantLinks().cutLink()).isEqualTo(1);
        assertThat(o.redundantLinks().cutAfterMs()).isEqualTo(250);
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> parse("--cut-link", "2")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--cut-link 2").hasMessageContaining("--links 2");
        assertThatThrownBy(() -> parse("--bind2", "somehost")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--bind2").hasMessageContaining("somehost");
        assertThatThrownBy(() -> parse("--peer2", "::1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--peer2").hasMessageContaining("family");
        assertThatThrownBy(() -> parse("--cut-after-ms", "-5")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--cut-after-ms");
    }

    @Test
    void tallyKeepsTheLargestGapBetweenGoodMessagesAndCountsDuplicates() {
        RxTally t = new RxTally(16, 10);
        ByteBuffer b = ByteBuffer.allocate(16);
        long ms = 1_000_000;
        record(t, b, 0, 0);
        record(t, b, 1, 5 * ms);
        record(t, b, 1, 400 * ms); // a duplicate: neither good nor the end of a gap
        record(t, b, 2, 300 * ms);
        record(t, b, 3, 310 * ms);
        assertThat(t.maxGapMs()).isEqualTo(295.0);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.received()).isEqualTo(4);
    }

    private static void record(RxTally t, ByteBuffer b, long seq, long nanos) {
        b.clear();
        MessageCodec.fill(b, seq, 16);
        t.record(b, nanos);
    }

    @Test
    void receiveResultEndsWithDupAndGapOtherResultsDoNot() {
        String recv = ResultLine.of(Mode.RECV, 5, 1, 0, 1.0, 100, false).withReceiveGaps(1, 12.34).format();
        assertThat(recv).endsWith(" dup=1 max_gap_ms=12.3");
        String send = ResultLine.of(Mode.SEND, 5, 0, 0, 1.0, 100, false).format();
        assertThat(send).doesNotContain("dup=").doesNotContain("max_gap_ms=");
    }
}
