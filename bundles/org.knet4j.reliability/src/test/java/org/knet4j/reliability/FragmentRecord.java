package org.knet4j.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * One DATA fragment of the {@code fragmentStorm} fuzz target, decoded from 3 input bytes: byte 0 picks the seq (one
 * of {@value #SEQS} after a base), byte 1 the fragment count (2..6) and number (0..7, so also the invalid 0 and
 * numbers above the count), byte 2 the payload length (1..64). Payload byte i of fragment k of seq s, sent by input
 * n, is {@link #mark}(n, s, k, i).
 */
record FragmentRecord(int seqOffset, int fragNum, int fragSeq, int length) {
    static final int SEQS = 4;

    static List<FragmentRecord> parse(byte[] input, int max) {
        List<FragmentRecord> out = new ArrayList<>();
        for (int i = 0; i + 3 <= input.length && out.size() < max; i += 3) {
            int b1 = input[i + 1] & 0xFF;
            out.add(new FragmentRecord((input[i] & 0xFF) % SEQS, 2 + (b1 & 7) % 5, (b1 >>> 3) & 7,
                    1 + (input[i + 2] & 0xFF) % 64));
        }
        return out;
    }

    /** The inverse of {@link #parse} for valid field values, for writing seeds. */
    byte[] encode() {
        int b1 = (fragNum - 2) | fragSeq << 3;
        return new byte[] {(byte) seqOffset, (byte) b1, (byte) (length - 1)};
    }

    static byte mark(int nonce, int seq, int fragSeq, int i) {
        return (byte) (nonce * 131 + seq * 31 + fragSeq * 17 + i * 7 + 1);
    }

    byte[] packet(int base, int nonce) {
        int seq = (base + seqOffset) & 0xFFFF;
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = mark(nonce, seq, fragSeq, i);
        }
        return Packets.data(1, seq, fragNum, fragSeq, 0, payload);
    }

    /**
     * True if {@code message} is fragments 1..n of one seq of this input, back to back: n − 1 of one size S, then a
     * last one of 1..S bytes, each fragment (seq, k, n, its length) one that was injected.
     */
    static boolean explains(byte[] message, List<FragmentRecord> records, int base, int nonce) {
        for (int off = 0; off < SEQS; off++) {
            int seq = (base + off) & 0xFFFF;
            for (int n = 2; n <= 6; n++) {
                for (int size = 1; (long) (n - 1) * size < message.length; size++) {
                    int last = message.length - (n - 1) * size;
                    if (last <= size && matches(message, records, off, seq, n, size, last, nonce)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(byte[] message, List<FragmentRecord> records, int off, int seq, int n, int size,
            int last, int nonce) {
        for (int k = 1; k <= n; k++) {
            int len = k < n ? size : last;
            if (!records.contains(new FragmentRecord(off, n, k, len))) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (message[(k - 1) * size + i] != mark(nonce, seq, k, i)) {
                    return false;
                }
            }
        }
        return true;
    }
}
