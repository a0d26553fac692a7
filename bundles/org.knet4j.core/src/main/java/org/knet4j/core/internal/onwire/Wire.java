package org.knet4j.core.internal.onwire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Byte-order-explicit field access. libknet mixes orders on the wire (node id and seq big-endian, PMTUD size and the
 * ping timestamp in x86 host order: WIRE.md §1, §3, §6), so every multi-byte field is assembled byte by byte and the
 * {@link ByteBuffer#order()} a caller happens to have set never matters. All indexes are absolute.
 */
final class Wire {
    private Wire() {
    }

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }

    static int u16be(ByteBuffer b, int i) {
        return (b.get(i) & 0xFF) << 8 | b.get(i + 1) & 0xFF;
    }

    static void putU16be(ByteBuffer b, int i, int v) {
        b.put(i, (byte) (v >>> 8));
        b.put(i + 1, (byte) v);
    }

    static int u16le(ByteBuffer b, int i) {
        return b.get(i) & 0xFF | (b.get(i + 1) & 0xFF) << 8;
    }

    static void putU16le(ByteBuffer b, int i, int v) {
        b.put(i, (byte) v);
        b.put(i + 1, (byte) (v >>> 8));
    }

    static long i64le(ByteBuffer b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | b.get(i + k) & 0xFF;
        }
        return v;
    }

    static void putI64le(ByteBuffer b, int i, long v) {
        for (int k = 0; k < 8; k++) {
            b.put(i + k, (byte) (v >>> (8 * k)));
        }
    }

    /** Netty-style range check for values we are about to put on the wire (a bug of ours, never peer input). */
    static int checkRange(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + "-" + max + ")");
        }
        return v;
    }

    /** A relative writer fails before writing anything if {@code dst} cannot take the whole packet. */
    static int reserve(ByteBuffer dst, int length) {
        if (dst.remaining() < length) {
            throw new BufferOverflowException();
        }
        return dst.position();
    }
}
