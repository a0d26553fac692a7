package org.knet4j.core.internal.rx;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One reassembly buffer (1.25's {@code knet_host_defrag_buf}, WIRE.md §5.1): the message's seq and fragment count,
 * a received bitmap indexed by frag_seq, the common fragment size, the last fragment's length and whether it is
 * parked at the end of the store. The 64 KiB store is allocated the first time the buffer is used and kept for
 * every later message, so a host costs at most 32 × 64 KiB.
 *
 * <p>Only {@link Defragmenter} drives it and checks every fragment before {@link #store}; the invariants that keep
 * all writes inside the store are stated there. Not thread-safe.
 */
final class DefragBuffer {
    /** Free, collecting fragments, or holding an assembled message until the caller releases it. */
    enum State { FREE, ASSEMBLING, COMPLETED }

    static final int STORE_SIZE = 65536;

    private byte[] store;
    private ByteBuffer view;
    private final long[] received = new long[4]; // bits 1..254, indexed by frag_seq
    private State state = State.FREE;
    private int seq;
    private int fragNum;
    private int receivedCount;
    private int fragSize;
    private int lastLen;
    private boolean lastParked;
    private int messageLength;
    private long lastUpdate;

    /**
     * Take the buffer for a new message (§5.1 rule 2). The store is not zeroed: an assembled message is only handed
     * out when every byte of {@code [0, length)} was written by one of its own fragments.
     */
    void start(int newSeq, int newFragNum) {
        if (store == null) {
            store = new byte[STORE_SIZE];
            view = ByteBuffer.wrap(store);
        }
        Arrays.fill(received, 0L);
        state = State.ASSEMBLING;
        seq = newSeq;
        fragNum = newFragNum;
        receivedCount = 0;
        fragSize = 0;
        lastLen = 0;
        lastParked = false;
        messageLength = 0;
    }

    void free() {
        state = State.FREE;
    }

    State state() {
        return state;
    }

    boolean assembling(int s) {
        return state == State.ASSEMBLING && seq == s;
    }

    int seq() {
        return seq;
    }

    int fragNum() {
        return fragNum;
    }

    int fragSize() {
        return fragSize;
    }

    int lastLen() {
        return lastLen;
    }

    long lastUpdate() {
        return lastUpdate;
    }

    void touch(long nanos) {
        lastUpdate = nanos;
    }

    boolean has(int fragSeq) {
        return (received[fragSeq >>> 6] & 1L << fragSeq) != 0;
    }

    /**
     * Copy one checked fragment in (§5.1 rule 4): a non-last fragment fixes the fragment size and goes to
     * {@code (fragSeq - 1) × fragSize}; the last one goes there too if the size is known, else it is parked at the
     * end of the store. Returns true when every fragment is in, after moving a parked last fragment into place
     * (rule 5); the buffer is then COMPLETED.
     */
    boolean store(int fragSeq, ByteBuffer payload) {
        int len = payload.remaining();
        boolean last = fragSeq == fragNum;
        if (last) {
            lastLen = len;
        } else {
            fragSize = len;
        }
        int at;
        if (last && fragSize == 0) {
            lastParked = true;
            at = STORE_SIZE - len;
        } else {
            at = (fragSeq - 1) * fragSize;
        }
        payload.get(payload.position(), store, at, len);
        received[fragSeq >>> 6] |= 1L << fragSeq;
        receivedCount++;
        if (receivedCount < fragNum) {
            return false;
        }
        int lastAt = (fragNum - 1) * fragSize;
        if (lastParked) {
            System.arraycopy(store, STORE_SIZE - lastLen, store, lastAt, lastLen);
        }
        messageLength = lastAt + lastLen;
        state = State.COMPLETED;
        return true;
    }

    /** The assembled message, position 0 to its length. One view object per buffer, reset on every call. */
    ByteBuffer message() {
        view.clear();
        view.limit(messageLength);
        return view;
    }
}
