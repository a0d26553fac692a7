package org.knet4j.core.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.PacketValidator;
import org.knet4j.core.internal.rx.Defragmenter;
import org.knet4j.core.internal.rx.SeqWindow;

/** What our sender cuts, our receiver validates and puts back together, byte for byte, in any arrival order. */
class FragmentRoundTripTest {

    static Stream<Arguments> sizesAndMtus() {
        List<Arguments> all = new ArrayList<>();
        for (int size : new int[] {1, 481, 482, 483, 1400, 65536}) {
            for (int mtu : new int[] {482, 1446, 65481}) {
                all.add(Arguments.of(size, mtu));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} bytes at mtu {1}")
    @MethodSource("sizesAndMtus")
    void roundTrip(int size, int mtu) {
        byte[] original = new byte[size];
        new Random(size * 31L + mtu).nextBytes(original);
        ByteBuffer message = ByteBuffer.wrap(original);
        TxSequence txSeq = new TxSequence();
        int seq = txSeq.next();

        int n = Fragmenter.fragmentCount(size, mtu);
        assertThat(n).isEqualTo((size + mtu - 1) / mtu);
        List<ByteBuffer> packets = new ArrayList<>();
        for (int f = 1; f <= n; f++) {
            ByteBuffer p = ByteBuffer.allocate(DataHeader.SIZE + mtu + 16);
            Fragmenter.writeFragment(p, 3, seq, 0, true, 4, message, mtu, f, n);
            p.flip();
            assertThat(PacketValidator.check(p, 0, p.remaining())).isEqualTo(PacketValidator.Verdict.OK);
            assertThat(p.remaining() - DataHeader.SIZE).isEqualTo(f < n ? mtu : size - (n - 1) * mtu);
            assertThat(DataHeader.fragNum(p, 0)).isEqualTo(n);
            assertThat(DataHeader.fragSeq(p, 0)).isEqualTo(n == 1 ? 0 : f);
            packets.add(p);
        }

        assertThat(receive(packets)).isEqualTo(original);
        List<ByteBuffer> reversed = new ArrayList<>(packets);
        Collections.reverse(reversed);
        assertThat(receive(reversed)).isEqualTo(original);
        List<ByteBuffer> shuffled = new ArrayList<>(packets);
        Collections.shuffle(shuffled, new Random(mtu));
        assertThat(receive(shuffled)).isEqualTo(original);
    }

    /** WIRE.md §5 steps 2, 5 and 6 on a fresh receiver; the message once complete. */
    private static byte[] receive(List<ByteBuffer> packets) {
        SeqWindow window = new SeqWindow();
        Defragmenter defrag = new Defragmenter(window, System::nanoTime);
        byte[] out = null;
        for (ByteBuffer p : packets) {
            assertThat(out).as("complete before the last packet").isNull();
            int seq = DataHeader.seq(p, 0);
            int fragNum = DataHeader.fragNum(p, 0);
            ByteBuffer payload = p.duplicate().position(DataHeader.SIZE);
            window.onDataSeen();
            assertThat(window.accept(seq)).isTrue();
            ByteBuffer msg = payload;
            if (fragNum > 1) {
                Defragmenter.Result r = defrag.offer(seq, fragNum, DataHeader.fragSeq(p, 0), payload);
                if (r == Defragmenter.Result.NEED_MORE) {
                    continue;
                }
                assertThat(r).isEqualTo(Defragmenter.Result.COMPLETE);
                msg = defrag.completedMessage();
            }
            out = new byte[msg.remaining()];
            msg.get(out);
            window.markDelivered(seq);
        }
        return out;
    }
}
