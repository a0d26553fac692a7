package org.knet4j.core.internal.rx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

/** Reassembly under arbitrary order and duplication, and survival of arbitrary input (WIRE.md §5.1). */
class DefragmenterPropertiesTest {

    /** One message cut by a §2-conforming sender: all fragments {@code size} bytes but the last. */
    private record Cut(int seq, byte[] message, int size) {
        int count() {
            return RxPath.count(message.length, size);
        }

        byte[] fragment(int index) {
            return RxPath.fragment(message, size, index);
        }
    }

    /** A random fragment size giving 2..254 fragments for {@code length} bytes. */
    private static int randomSize(Random r, int length) {
        int min = (length + 253) / 254;
        int max = length - 1;
        return min + r.nextInt(max - min + 1);
    }

    private static Cut randomCut(Random r, int seq, int length) {
        byte[] m = new byte[length];
        r.nextBytes(m);
        return new Cut(seq, m, randomSize(r, length));
    }

    /** Every fragment index once, plus 0..2 extra copies of some, all shuffled. */
    private static List<int[]> shuffledWithDuplicates(Random r, List<Cut> cuts) {
        List<int[]> sends = new ArrayList<>();
        for (int c = 0; c < cuts.size(); c++) {
            for (int i = 1; i <= cuts.get(c).count(); i++) {
                int copies = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
                for (int k = 0; k < copies; k++) {
                    sends.add(new int[] {c, i});
                }
            }
        }
        Collections.shuffle(sends, r);
        return sends;
    }

    /** Message lengths spread evenly up to 64 KiB (jqwik's default favours small numbers); edge cases mixed in. */
    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(2, 65536).withDistribution(RandomDistribution.uniform());
    }

    /** Seqs a 1.25 sender uses: 1..65535, evenly. */
    @Provide
    Arbitrary<Integer> seqs() {
        return Arbitraries.integers().between(1, 65535).withDistribution(RandomDistribution.uniform());
    }

    /** Any uint16, 0 included: garbage may carry it. */
    @Provide
    Arbitrary<Integer> anySeq() {
        return Arbitraries.integers().between(0, 65535).withDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 300)
    void anyOrderWithDuplicatesReassemblesExactlyTheOriginal(@ForAll("lengths") int length, @ForAll("seqs") int seq,
            @ForAll long seed) {
        Random r = new Random(seed);
        Cut cut = randomCut(r, seq, length);
        RxPath rx = new RxPath();
        int completes = 0;
        for (int[] s : shuffledWithDuplicates(r, List.of(cut))) {
            Defragmenter.Result res = rx.receive(seq, cut.count(), s[1], cut.fragment(s[1]));
            if (res == Defragmenter.Result.COMPLETE) {
                completes++;
            } else if (res != null) {
                assertThat(res).isIn(Defragmenter.Result.NEED_MORE, Defragmenter.Result.DUPLICATE_FRAGMENT);
            }
        }
        assertThat(completes).isEqualTo(1);
        assertThat(rx.delivered).containsExactly(cut.message());
        assertThat(rx.defrag.assembling()).isZero();
    }

    @Property(tries = 200)
    void interleavedMessagesEachReassembleOnce(@ForAll @IntRange(min = 1, max = 32) int messages,
            @ForAll("seqs") int firstSeq, @ForAll long seed) {
        Random r = new Random(seed);
        List<Cut> cuts = new ArrayList<>();
        for (int c = 0; c < messages; c++) {
            int seq = (firstSeq + c - 1) % 65535 + 1; // consecutive, skipping 0 like a 1.25 sender
            cuts.add(randomCut(r, seq, 2 + r.nextInt(r.nextBoolean() ? 3000 : 65535)));
        }
        RxPath rx = new RxPath();
        for (int[] s : shuffledWithDuplicates(r, cuts)) {
            Cut cut = cuts.get(s[0]);
            rx.now += 1 + r.nextInt(1000);
            rx.receive(cut.seq(), cut.count(), s[1], cut.fragment(s[1]));
        }
        assertThat(rx.delivered).hasSize(messages);
        for (int i = 0; i < messages; i++) {
            int seq = rx.deliveredSeqs.get(i);
            Cut cut = cuts.stream().filter(c -> c.seq() == seq).findFirst().orElseThrow();
            assertThat(rx.delivered.get(i)).isEqualTo(cut.message());
        }
        assertThat(rx.deliveredSeqs).doesNotHaveDuplicates();
    }

    /**
     * Garbage of every kind (fields out of range, payloads of any length, offers that skip Lookup, pings, wipes,
     * window jumps) never throws and never puts wrong bytes into a legitimate message: that one either completes
     * intact or is lost.
     */
    @Property(tries = 400)
    void garbageNeverThrowsAndNeverCorrupts(@ForAll("anySeq") int legitSeq,
            @ForAll @IntRange(min = 1, max = 300) int steps, @ForAll long seed) {
        Random r = new Random(seed);
        Cut legit = randomCut(r, legitSeq, 2 + r.nextInt(20_000));
        byte[] pool = new byte[70_000];
        r.nextBytes(pool);
        RxPath rx = new RxPath();
        int nextLegit = 1;
        for (int step = 0; step < steps || nextLegit <= legit.count(); step++) {
            rx.now += r.nextInt(3) == 0 ? -r.nextInt(1000) : r.nextInt(1_000_000); // clocks may even step back
            if (nextLegit <= legit.count() && r.nextInt(4) == 0) {
                Defragmenter.Result res = rx.receive(legitSeq, legit.count(), nextLegit, legit.fragment(nextLegit));
                nextLegit++;
                if (res == Defragmenter.Result.COMPLETE) {
                    assertThat(rx.delivered.get(rx.delivered.size() - 1)).isEqualTo(legit.message());
                }
                continue;
            }
            garbage(r, rx, pool, legitSeq);
            assertThat(rx.defrag.assembling()).isBetween(0, Defragmenter.BUFFERS);
        }
        for (int i = 0; i < rx.delivered.size(); i++) {
            assertThat(rx.delivered.get(i).length).isBetween(1, 65536);
            if (rx.deliveredSeqs.get(i) == legitSeq) {
                assertThat(rx.delivered.get(i)).isEqualTo(legit.message());
            }
        }
    }

    private static void garbage(Random r, RxPath rx, byte[] pool, int avoidSeq) {
        int seq = r.nextInt(65536);
        if (seq == avoidSeq) {
            seq = (seq + 1) & 0xFFFF;
        }
        int fragNum = r.nextBoolean() ? r.nextInt(266) - 5 : 2 + r.nextInt(4);
        int fragSeq = r.nextBoolean() ? r.nextInt(266) - 5 : r.nextInt(fragNum < 1 ? 1 : fragNum + 1);
        int len = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(70_000);
            default -> 1 + r.nextInt(600);
        };
        int off = r.nextInt(pool.length - len + 1);
        ByteBuffer payload = ByteBuffer.wrap(pool, off, len);
        switch (r.nextInt(10)) {
            case 0 -> rx.defrag.offer(seq, fragNum, fragSeq, payload); // skipping Lookup
            case 1 -> rx.window.onTimedPing(r.nextInt(3) == 0 ? 0 : r.nextInt(65536));
            case 2 -> rx.window.onUntimedPing(r.nextInt(65536));
            case 3 -> rx.window.accept(r.nextInt());
            case 4 -> {
                if (r.nextInt(20) == 0) {
                    rx.window.wipe();
                }
            }
            case 5 -> rx.defrag.releaseOutside(r.nextInt(65536));
            default -> {
                if (fragNum > 1) {
                    rx.receive(seq, fragNum, fragSeq, payload);
                } else {
                    rx.defrag.offer(seq, fragNum, fragSeq, payload); // RxPath would deliver 1/1 as it is
                }
            }
        }
    }
}
