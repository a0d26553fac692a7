package org.knet4j.core.internal.rx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WIRE.md §5 steps 5, 6 and 11 for one source host, as the receive path runs them: got_data, Lookup, defragment
 * when frag_num > 1, then "deliver" (copy out) and Mark. The clock is a field the test moves.
 */
final class RxPath {
    final SeqWindow window = new SeqWindow();
    long now = 1_000;
    final Defragmenter defrag = new Defragmenter(window, () -> now);
    final List<byte[]> delivered = new ArrayList<>();
    final List<Integer> deliveredSeqs = new ArrayList<>();

    /**
     * One DATA packet. Returns null when Lookup drops it as a duplicate, COMPLETE when a message was delivered
     * (1/1 packets included), otherwise what the defragmenter said.
     */
    Defragmenter.Result receive(int seq, int fragNum, int fragSeq, byte[] payload) {
        return receive(seq, fragNum, fragSeq, ByteBuffer.wrap(payload));
    }

    Defragmenter.Result receive(int seq, int fragNum, int fragSeq, ByteBuffer payload) {
        window.onDataSeen();
        if (!window.accept(seq)) {
            return null;
        }
        ByteBuffer message = payload;
        if (fragNum > 1) {
            Defragmenter.Result r = defrag.offer(seq, fragNum, fragSeq, payload);
            if (r != Defragmenter.Result.COMPLETE) {
                return r;
            }
            message = defrag.completedMessage();
        }
        byte[] copy = new byte[message.remaining()];
        message.duplicate().get(copy);
        if (fragNum > 1) {
            defrag.releaseCompleted();
        }
        delivered.add(copy);
        deliveredSeqs.add(seq);
        window.markDelivered(seq);
        return Defragmenter.Result.COMPLETE;
    }

    /** Fragment {@code index} (1-based) of {@code message} cut at {@code size} bytes, as a §2 sender would. */
    static byte[] fragment(byte[] message, int size, int index) {
        int from = (index - 1) * size;
        return Arrays.copyOfRange(message, from, Math.min(message.length, from + size));
    }

    static int count(int length, int size) {
        return (length + size - 1) / size;
    }

    /** Deterministic test content: every message differs from every other. */
    static byte[] message(int length, int salt) {
        byte[] m = new byte[length];
        long x = 0x9E3779B97F4A7C15L * (salt + 1);
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            m[i] = (byte) x;
        }
        return m;
    }
}
