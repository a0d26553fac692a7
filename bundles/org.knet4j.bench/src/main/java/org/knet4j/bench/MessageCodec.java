package org.knet4j.bench;

import java.nio.ByteBuffer;

/**
 * The peers' message format, shared with the C peer. A message of {@value #HEADER} bytes or more starts with its
 * sequence number (8 bytes, big-endian, counting from 0); every later byte {@code i} (counted over the whole
 * message) is {@code (seq + i) & 0xff}. A shorter message has no header: byte {@code i} is {@code (seq + i) & 0xff}
 * from {@code i = 0}; as in the C peer it is checked against the sequence number the receiver expects next. That is
 * the {@link PayloadPattern#SEQ} content; the methods taking a {@link PayloadPattern} use its table instead. Fill and
 * verify are one bulk copy or one vectorized mismatch against the table instead of a loop per byte (a 64 KiB message
 * would otherwise cost the benchmark more than the network path it measures).
 *
 * <p>Works on the buffer's absolute indexes from its position and leaves position and limit alone.
 */
final class MessageCodec {
    /** Bytes of the sequence number header. */
    static final int HEADER = 8;

    /** {@link #verify} result: the message does not follow the pattern. */
    static final long CORRUPT = -1;

    /** Runs shorter than this are compared byte by byte. */
    private static final int SHORT = 32;

    private MessageCodec() {
    }

    /** Whether {@code buf[base+from, base+size)} holds the pattern of seq low byte {@code s}. */
    private static boolean patternAt(ByteBuffer buf, int base, int from, int size, int s, byte[] table) {
        int len = size - from;
        int off = (s + from) & 0xff;
        if (len < SHORT) { // short runs byte by byte: the bulk path's two views are not always scalar-replaced
            for (int i = 0; i < len; i++) {
                if (buf.get(base + from + i) != table[off + i]) {
                    return false;
                }
            }
            return true;
        }
        ByteBuffer expected = ByteBuffer.wrap(table, off, len);
        return buf.slice(base + from, len).mismatch(expected) < 0;
    }

    /** Whether a message of {@code size} bytes carries its sequence number. */
    static boolean hasSeq(int size) {
        return size >= HEADER;
    }

    /**
     * Write message {@code seq} of {@code size} bytes into {@code buf}: position 0, limit {@code size}.
     *
     * @throws IllegalArgumentException if {@code buf} has less than {@code size} bytes of capacity
     */
    static void fill(ByteBuffer buf, long seq, int size) {
        fill(buf, seq, size, PayloadPattern.SEQ);
    }

    /** {@link #fill(ByteBuffer, long, int)} with {@code pattern}'s content. */
    static void fill(ByteBuffer buf, long seq, int size, PayloadPattern pattern) {
        if (size < 1 || size > buf.capacity()) {
            throw new IllegalArgumentException("size " + size + " is not 1.." + buf.capacity());
        }
        buf.clear();
        int i = 0;
        if (hasSeq(size)) {
            putSeq(buf, 0, seq);
            i = HEADER;
        }
        int s = (int) seq;
        if (i < size) {
            buf.put(i, pattern.table(), (s + i) & 0xff, size - i);
        }
        buf.limit(size);
    }

    /**
     * Check the message in {@code buf[position, limit)} as the C peer's {@code verify} does.
     *
     * @param expectIfHeaderless the sequence number a message shorter than 8 bytes must have (the C peer: the
     *                           count of messages taken so far)
     * @return the message's sequence number (from its header, or {@code expectIfHeaderless}), or {@link #CORRUPT}
     *         if the content does not match it
     */
    static long verify(ByteBuffer buf, long expectIfHeaderless) {
        return verify(buf, expectIfHeaderless, PayloadPattern.SEQ);
    }

    /** {@link #verify(ByteBuffer, long)} against {@code pattern}'s content. */
    static long verify(ByteBuffer buf, long expectIfHeaderless, PayloadPattern pattern) {
        byte[] table = pattern.table();
        int base = buf.position();
        int size = buf.remaining();
        if (size < 1) {
            return CORRUPT;
        }
        if (!hasSeq(size)) {
            return patternAt(buf, base, 0, size, (int) expectIfHeaderless, table) ? expectIfHeaderless : CORRUPT;
        }
        long seq = getSeq(buf, base);
        if (seq < 0) {
            return CORRUPT;
        }
        return patternAt(buf, base, HEADER, size, (int) seq, table) ? seq : CORRUPT;
    }

    /**
     * Whether {@code buf[position, limit)} is some correct message: its content matches its header, or, for a
     * short one, its own first byte.
     */
    static boolean isPattern(ByteBuffer buf) {
        return isPattern(buf, PayloadPattern.SEQ);
    }

    /** {@link #isPattern(ByteBuffer)} for {@code pattern}'s content. */
    static boolean isPattern(ByteBuffer buf, PayloadPattern pattern) {
        int size = buf.remaining();
        if (size < 1) {
            return false;
        }
        if (hasSeq(size)) {
            return verify(buf, 0, pattern) != CORRUPT;
        }
        // a short message's first byte is table[seq & 0xff]: find the seq low bytes that give it
        byte first = buf.get(buf.position());
        for (int s = 0; s < 256; s++) {
            if (pattern.table()[s] == first && verify(buf, s, pattern) != CORRUPT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code buf[position, limit)} is exactly message {@code seq} of {@code size} bytes (the check an echo
     * gets, which also works for short messages).
     */
    static boolean isMessage(ByteBuffer buf, long seq, int size) {
        return isMessage(buf, seq, size, PayloadPattern.SEQ);
    }

    /** {@link #isMessage(ByteBuffer, long, int)} for {@code pattern}'s content. */
    static boolean isMessage(ByteBuffer buf, long seq, int size, PayloadPattern pattern) {
        if (buf.remaining() != size) {
            return false;
        }
        int base = buf.position();
        int i = 0;
        if (hasSeq(size)) {
            if (getSeq(buf, base) != seq) {
                return false;
            }
            i = HEADER;
        }
        return patternAt(buf, base, i, size, (int) seq, pattern.table());
    }

    /** Big-endian whatever the buffer's byte order. */
    static long getSeq(ByteBuffer buf, int index) {
        long v = 0;
        for (int i = 0; i < HEADER; i++) {
            v = (v << 8) | (buf.get(index + i) & 0xff);
        }
        return v;
    }

    private static void putSeq(ByteBuffer buf, int index, long seq) {
        for (int i = HEADER - 1; i >= 0; i--) {
            buf.put(index + i, (byte) seq);
            seq >>>= 8;
        }
    }
}
