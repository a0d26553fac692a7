package org.knet4j.core.internal.rx;

import java.util.Arrays;

/**
 * The de-duplication state libknet 1.25 keeps per source host (WIRE.md §4.2) and its resync on pings (§4.4), rule
 * for rule, quirks included, because a 1.25 sender relies on exactly this window: {@code rx_seq} (0 = unset), the
 * delivered ring and the defrag "seen" ring (4096 flags each, kept as {@code long[]} bitsets), the last timed and
 * untimed ping seqs, and {@code got_data}.
 *
 * <p>Sequence numbers are uint16; every {@code int seq} argument is taken mod 65536.
 *
 * <p><b>Not thread-safe.</b> The caller serialises every call for one host (the receive path holds the host's
 * receive lock across Lookup, defragmentation and Mark, just as 1.25's single RX thread does). The attached
 * {@link DefragHook} is called with that lock held.
 */
public final class SeqWindow {
    /** {@code KNET_CBUFFER_SIZE}: flags per ring, and the dedup reach in seqs (§4.2). */
    public static final int RING_SIZE = 4096;
    /** Defrag buffers are kept for seqs in {@code [rx_seq - 32, rx_seq]} (§4.2 step 2; 32 = the buffer count). */
    public static final int DEFRAG_WINDOW = 32;

    private static final int SEQ_MASK = 0xFFFF;
    private static final int SEQ_MAX = 65535;
    private static final int RING_MASK = RING_SIZE - 1;
    /** Backward distances up to this one reset the window; larger ones mean "ahead by at most 4096" (§4.2 step 5). */
    private static final int RESET_LIMIT = SEQ_MAX - RING_SIZE;

    /**
     * What the window tells the defragmenter: Lookup frees buffers that fell out of the 32-seq window, and a wipe
     * frees them all (1.25's {@code _reclaim_old_defrag_bufs} and {@code _clear_cbuffers}).
     */
    public interface DefragHook {
        /** Free every buffer whose seq is outside {@code [rxSeq - 32, rxSeq]} mod 65536 ({@link #inDefragWindow}). */
        void releaseOutside(int rxSeq);

        /** Free every buffer. */
        void clear();
    }

    private final long[] delivered = new long[RING_SIZE / 64];
    private final long[] defragSeen = new long[RING_SIZE / 64];
    private DefragHook hook;
    private int rxSeq;
    private int timedRxSeq;
    private int untimedRxSeq;
    private boolean gotData;

    /**
     * Connect the defragmenter of the same host. {@link Defragmenter}'s constructor does this itself.
     *
     * @throws IllegalStateException if a different hook is already attached: one window serves one defragmenter
     */
    public void attach(DefragHook defragHook) {
        if (hook != null && hook != defragHook) {
            throw new IllegalStateException("this window already serves another defragmenter");
        }
        hook = defragHook;
    }

    /**
     * Lookup for a DATA packet against the delivered ring (§4.2, §5 step 5): true if the packet is new. Accepting a
     * seq ahead of the window moves {@code rx_seq} to it and clears the ring slots in between; a seq behind it
     * changes nothing. Either way buffers outside the 32-seq defrag window are released first.
     */
    public boolean accept(int seq) {
        return lookup(seq & SEQ_MASK, delivered, false);
    }

    /** Mark: the whole message with this seq reached the application (§4.2 "Mark"); later copies are duplicates. */
    public void markDelivered(int seq) {
        set(delivered, seq & SEQ_MASK);
    }

    /** The delivered flag of this seq's ring slot (seq mod 4096). For status and tests; changes nothing. */
    public boolean isDelivered(int seq) {
        return get(delivered, seq & SEQ_MASK);
    }

    /**
     * §5.1 rule 1(b): true if a message with this seq was already started here and then completed or reclaimed, so
     * a fragment of it with no buffer is "expired". This is 1.25's Lookup against the defrag ring: like
     * {@link #accept} it releases out-of-window buffers and, for a seq ahead of the window, moves the window (and
     * then answers false). On the receive path {@link #accept} has just run for the same seq, so it is then a plain
     * flag test.
     */
    public boolean defragSeen(int seq) {
        return !lookup(seq & SEQ_MASK, defragSeen, false);
    }

    /** Flag the seq in the defrag ring: its message now has a buffer (§5.1 rule 1(c)). */
    public void markDefragSeen(int seq) {
        set(defragSeen, seq & SEQ_MASK);
    }

    /**
     * A timed ping with this seq (§4.4): the first of a burst (seq differs from the last timed one) is remembered,
     * and if it is 0 the sender has (re)started and sent no DATA yet, so everything is wiped and {@code rx_seq}
     * becomes unset. As in 1.25 the last timed seq starts at 0, so a first-ever ping with seq 0 wipes nothing.
     */
    public void onTimedPing(int seq) {
        seq &= SEQ_MASK;
        if (seq != timedRxSeq) {
            timedRxSeq = seq;
            if (seq == 0) {
                lookup(0, delivered, true);
            }
        }
    }

    /**
     * An untimed (forced) ping with this seq (§4.3, §4.4). If it is not a repeat of the last untimed seq: wipe when
     * no DATA arrived from the host since the previous one, otherwise just clear {@code got_data}. Then always run
     * Lookup(seq) on the delivered ring, with the wipe if one was decided; that moves the window to the sender's
     * counter.
     */
    public void onUntimedPing(int seq) {
        seq &= SEQ_MASK;
        boolean wipe = false;
        if (seq != untimedRxSeq) {
            untimedRxSeq = seq;
            if (gotData) {
                gotData = false;
            } else {
                wipe = true;
            }
        }
        lookup(seq, delivered, wipe);
    }

    /** A DATA packet arrived from the host (sets {@code got_data}, §5 step 5). Call it before {@link #accept}. */
    public void onDataSeen() {
        gotData = true;
    }

    /**
     * The host lost all its active links (§4.4): clear both rings and all defrag buffers and unset {@code rx_seq}.
     * The last ping seqs and {@code got_data} survive, as in 1.25.
     */
    public void wipe() {
        clearAll(0);
    }

    /** The current reference, 0 when unset. */
    public int rxSeq() {
        return rxSeq;
    }

    /** True if a buffer for {@code seq} is kept when the reference is {@code rxSeq}: seq in [rxSeq - 32, rxSeq]. */
    public static boolean inDefragWindow(int seq, int rxSeq) {
        return ((rxSeq - seq) & SEQ_MASK) <= DEFRAG_WINDOW;
    }

    /** 1.25's {@code _seq_num_lookup}, step by step (§4.2). */
    private boolean lookup(int seq, long[] ring, boolean wipe) {
        // 1. an unset reference takes the first seq seen (1.25: avoids rejecting a busy sender on startup)
        if (rxSeq == 0) {
            rxSeq = seq;
        }
        if (wipe) {
            clearAll(seq);
        }
        // 2. reclaim defrag buffers against the reference as it is now, before this seq moves it
        if (hook != null) {
            hook.releaseOutside(rxSeq);
        }
        // 3. the backward distance, with 1.25's asymmetry: one less when seq is numerically below rx_seq
        int back = seq < rxSeq ? (SEQ_MAX - seq + rxSeq) & SEQ_MASK : (rxSeq - seq) & SEQ_MASK;
        int head = seq & RING_MASK;
        if (back < RING_SIZE) {
            // 4. old or current: new only if its slot is clear; no state changes
            return !get(ring, head);
        }
        if (back <= RESET_LIMIT) {
            // 5. a jump of more than ~4096 either way: forget everything
            Arrays.fill(delivered, 0L);
            Arrays.fill(defragSeen, 0L);
            rxSeq = seq;
        }
        // 6. ahead: clear the slots from rx_seq+1 through seq (wrapping) in both rings, then move the reference
        int tail = (rxSeq + 1) & RING_MASK;
        if (tail > head) {
            clearRange(tail, RING_SIZE - 1);
            clearRange(0, head);
        } else {
            clearRange(tail, head);
        }
        rxSeq = seq;
        return true;
    }

    /** 1.25's {@code _clear_cbuffers}: both rings, the reference, and every defrag buffer. */
    private void clearAll(int newRxSeq) {
        Arrays.fill(delivered, 0L);
        Arrays.fill(defragSeen, 0L);
        rxSeq = newRxSeq;
        if (hook != null) {
            hook.clear();
        }
    }

    /** Clear slots {@code from..to} (inclusive, {@code from <= to}) in both rings, a word at a time. */
    private void clearRange(int from, int to) {
        int firstWord = from >>> 6;
        int lastWord = to >>> 6;
        for (int w = firstWord; w <= lastWord; w++) {
            long mask = -1L;
            if (w == firstWord) {
                mask &= -1L << (from & 63);
            }
            if (w == lastWord) {
                mask &= -1L >>> (63 - (to & 63));
            }
            delivered[w] &= ~mask;
            defragSeen[w] &= ~mask;
        }
    }

    private static boolean get(long[] ring, int seq) {
        int slot = seq & RING_MASK;
        return (ring[slot >>> 6] & 1L << slot) != 0;
    }

    private static void set(long[] ring, int seq) {
        int slot = seq & RING_MASK;
        ring[slot >>> 6] |= 1L << slot;
    }
}
