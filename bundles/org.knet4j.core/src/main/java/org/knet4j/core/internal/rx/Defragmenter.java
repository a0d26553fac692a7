package org.knet4j.core.internal.rx;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.KnetPacket;

/**
 * Reassembly of fragmented DATA messages from one source host: 1.25's rules of WIRE.md §5.1 (32 buffers, reuse by
 * seq, "expired" through the window's defrag ring, eviction of the least recently updated buffer, the parked last
 * fragment), plus the validation 1.25 lacks (CVE-2026-15813, §5.1 rule 6): a fragment that could write outside its
 * buffer or contradict what the buffer already holds is rejected with a reason and changes no state at all.
 *
 * <p>Buffer lifetime: an assembling buffer lives until its message completes, the 32-seq window leaves it behind
 * ({@link #releaseOutside}, called by the window's Lookup), it is evicted for a newer message, or {@link #clear}.
 * After {@link Result#COMPLETE} the assembled message stays readable through {@link #completedMessage()} until
 * {@link #releaseCompleted()}, the next {@link #offer}, or {@link #clear()}, whichever comes first; the window's
 * release never touches it. Memory is bounded: 32 stores of 64 KiB, each allocated on first use and then reused.
 *
 * <p>Not thread-safe: the caller holds the host's receive lock, the same one that guards the {@link SeqWindow}.
 */
public final class Defragmenter implements SeqWindow.DefragHook {
    /** {@code KNET_DEFRAG_BUFFERS} (§4.2, §13). */
    public static final int BUFFERS = 32;

    /** The outcome of one {@link #offer}. */
    public enum Result {
        /** Stored; the message still misses fragments. */
        NEED_MORE,
        /** Stored, and it was the last missing one: read {@link #completedMessage()}. */
        COMPLETE,
        /** This frag_seq is already in the buffer (a copy over a second link, or a resend); dropped (§5.1 rule 3). */
        DUPLICATE_FRAGMENT,
        /** The message was already completed or reclaimed here (§5.1 rule 1(b)); dropped. */
        EXPIRED,
        /** frag_num outside 2..254: 0 and 1 are not fragmented, 255 overflows v1.35's bitmap. */
        BAD_FRAG_NUM,
        /** frag_seq 0 or above frag_num. */
        BAD_FRAG_SEQ,
        /** A fragment without payload: it cannot carry a fragment size or any of the message. */
        EMPTY_FRAGMENT,
        /** frag_num differs from the one the buffer was started with. */
        FRAG_NUM_MISMATCH,
        /** A non-last fragment whose length differs from the fragment size the buffer already has. */
        SIZE_MISMATCH,
        /**
         * A last fragment longer than the fragment size, whichever of the two arrived first (a non-last fragment
         * shorter than the parked last one is refused with this reason too).
         */
        LAST_TOO_LONG,
        /** The message these sizes imply, (frag_num − 1) × frag_size + last length, would exceed 65536 bytes. */
        TOO_LONG;

        /** True for the reasons that mean a malformed or hostile fragment, as opposed to ordinary duplicates. */
        public boolean isMalformed() {
            return ordinal() >= BAD_FRAG_NUM.ordinal();
        }
    }

    private static final int MAX_MESSAGE = KnetPacket.MAX_PACKET_SIZE;

    private final SeqWindow window;
    private final LongSupplier nanoClock;
    private final DefragBuffer[] buffers = new DefragBuffer[BUFFERS];
    private DefragBuffer completed;

    /**
     * @param window the same host's window; this defragmenter attaches itself to it (see
     *        {@link SeqWindow#attach}), so the window's Lookup and wipes release buffers here
     * @param nanoClock monotonic time in nanoseconds for the least-recently-updated eviction, e.g.
     *        {@code System::nanoTime}
     */
    public Defragmenter(SeqWindow window, LongSupplier nanoClock) {
        this.window = Objects.requireNonNull(window, "window");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        for (int i = 0; i < BUFFERS; i++) {
            buffers[i] = new DefragBuffer();
        }
        window.attach(this);
    }

    /**
     * Offer one fragment of a DATA message (§5 step 6). Precondition on the receive path: {@link SeqWindow#accept}
     * returned true for this seq just before (§5 step 5). Never throws for any field values; the payload (position
     * to limit) is copied and not consumed.
     *
     * @param seq the DATA seq, taken mod 65536
     * @param fragNum the header's frag_num (2..254 accepted)
     * @param fragSeq the header's frag_seq (1..fragNum accepted)
     * @param payload the fragment's payload bytes, after the 14-byte header
     */
    public Result offer(int seq, int fragNum, int fragSeq, ByteBuffer payload) {
        releaseCompleted();
        seq &= 0xFFFF;
        Result malformed = checkAlone(fragNum, fragSeq, payload.remaining());
        if (malformed != null) {
            return malformed;
        }
        DefragBuffer buf = find(seq);
        if (buf == null) {
            if (window.defragSeen(seq)) {
                return Result.EXPIRED;
            }
            window.markDefragSeen(seq);
            buf = freeOrOldest();
            buf.start(seq, fragNum);
        } else {
            Result conflict = checkAgainst(buf, fragNum, fragSeq, payload.remaining());
            if (conflict != null) {
                return conflict;
            }
        }
        buf.touch(nanoClock.getAsLong());
        if (!buf.store(fragSeq, payload)) {
            return Result.NEED_MORE;
        }
        completed = buf;
        return Result.COMPLETE;
    }

    /**
     * The message the last {@link Result#COMPLETE} assembled, from position 0 to its length. The buffer object is
     * reused: do not keep it past {@link #releaseCompleted()}, the next {@link #offer} or {@link #clear()}.
     *
     * @throws IllegalStateException if no assembled message is pending
     */
    public ByteBuffer completedMessage() {
        if (completed == null) {
            throw new IllegalStateException("no completed message: no COMPLETE since the last release");
        }
        return completed.message();
    }

    /** Free the buffer of the pending assembled message, if any (1.25 frees it at completion, §5.1 rule 5). */
    public void releaseCompleted() {
        if (completed != null) {
            completed.free();
            completed = null;
        }
    }

    /** Free every assembling buffer whose seq is outside {@code [rxSeq - 32, rxSeq]} mod 65536 (§4.2 step 2). */
    @Override
    public void releaseOutside(int rxSeq) {
        for (DefragBuffer b : buffers) {
            if (b.state() == DefragBuffer.State.ASSEMBLING && !SeqWindow.inDefragWindow(b.seq(), rxSeq)) {
                b.free();
            }
        }
    }

    /** Free every buffer, the pending assembled message included (a wipe, §4.4). The stores are kept for reuse. */
    @Override
    public void clear() {
        completed = null;
        for (DefragBuffer b : buffers) {
            b.free();
        }
    }

    /** How many buffers are collecting fragments now. For status and tests. */
    public int assembling() {
        int n = 0;
        for (DefragBuffer b : buffers) {
            if (b.state() == DefragBuffer.State.ASSEMBLING) {
                n++;
            }
        }
        return n;
    }

    /** True if a buffer is collecting fragments of this seq. For status and tests. */
    public boolean isAssembling(int seq) {
        return find(seq & 0xFFFF) != null;
    }

    /**
     * Checks that need no buffer. Together with {@link #checkAgainst} they guarantee every write stays inside the
     * 64 KiB store and no two fragments overlap: all non-last fragments have one size S, the last has 1..S bytes,
     * and (N − 1) × S + last ≤ 65536. A parked last fragment of L bytes sits at [65536 − L, 65536) and the
     * non-last ones below (N − 1) × S ≤ 65536 − L, so they never meet.
     */
    private static Result checkAlone(int fragNum, int fragSeq, int len) {
        if (fragNum < 2 || fragNum > DataHeader.MAX_FRAGMENTS) {
            return Result.BAD_FRAG_NUM;
        }
        if (fragSeq < 1 || fragSeq > fragNum) {
            return Result.BAD_FRAG_SEQ;
        }
        if (len == 0) {
            return Result.EMPTY_FRAGMENT;
        }
        // the smallest message this fragment can belong to: the last is at least 1 byte and at most frag_size
        long smallest = fragSeq == fragNum ? (long) fragNum * len : (long) (fragNum - 1) * len + 1;
        return smallest > MAX_MESSAGE ? Result.TOO_LONG : null;
    }

    /** Checks against what the buffer already holds; null when the fragment may be stored. */
    private Result checkAgainst(DefragBuffer buf, int fragNum, int fragSeq, int len) {
        if (fragNum != buf.fragNum()) {
            return Result.FRAG_NUM_MISMATCH;
        }
        if (buf.has(fragSeq)) {
            buf.touch(nanoClock.getAsLong()); // 1.25 refreshes the buffer before it spots the duplicate
            return Result.DUPLICATE_FRAGMENT;
        }
        int size = buf.fragSize();
        if (fragSeq < fragNum) {
            if (size != 0) {
                return len == size ? null : Result.SIZE_MISMATCH;
            }
            int last = buf.lastLen(); // the size is unknown yet, so a known last length means it is parked
            if (last > len) {
                return Result.LAST_TOO_LONG;
            }
            return (long) (fragNum - 1) * len + last > MAX_MESSAGE ? Result.TOO_LONG : null;
        }
        if (size == 0) {
            return null;
        }
        if (len > size) {
            return Result.LAST_TOO_LONG;
        }
        return (long) (fragNum - 1) * size + len > MAX_MESSAGE ? Result.TOO_LONG : null;
    }

    private DefragBuffer find(int seq) {
        for (DefragBuffer b : buffers) {
            if (b.assembling(seq)) {
                return b;
            }
        }
        return null;
    }

    /**
     * §5.1 rule 1(c): a free buffer, else the one updated least recently (its partial message is lost). Ties go to
     * the lowest index, as 1.25's strict comparison does. Times are compared by difference, safe across wrap.
     */
    private DefragBuffer freeOrOldest() {
        DefragBuffer oldest = buffers[0];
        for (DefragBuffer b : buffers) {
            if (b.state() == DefragBuffer.State.FREE) {
                return b;
            }
            if (b.lastUpdate() - oldest.lastUpdate() < 0) {
                oldest = b;
            }
        }
        return oldest;
    }
}
