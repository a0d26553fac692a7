package org.knet4j.core.internal.onwire;

import java.nio.ByteBuffer;

/**
 * PING (0x81) and PONG (0x82), always exactly 26 bytes before crypto (WIRE.md §3): link id at 6, a 16-byte timestamp
 * at 7, seq (big-endian) at 23, timed at 25. Offsets are from the packet's base index; see the package documentation.
 *
 * <p>The timestamp is opaque to the replier; only the pinger reads it back. We write it the way 1.25 writes its
 * {@code CLOCK_MONOTONIC} timespec on x86_64/arm64, int64 seconds then int64 nanoseconds, both little-endian, so a
 * capture of our pings looks like a C peer's.
 */
public final class PingPacket {
    /** PING and PONG length before crypto. */
    public static final int SIZE = KnetPacket.PING_SIZE;

    static final int OFF_LINK = 6;
    static final int OFF_TIME_SEC = 7;
    static final int OFF_TIME_NSEC = 15;
    static final int OFF_SEQ = 23;
    static final int OFF_TIMED = 25;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private PingPacket() {
    }

    /**
     * Write a whole PING at {@code base}; the position is not moved.
     *
     * @param linkId the link id the pinger uses for this peer, 0..255 (a 1.25 receiver takes it mod 8)
     * @param nanoTime our monotonic clock ({@link System#nanoTime()}), echoed back in the PONG
     * @param seq our current TX seq: the last DATA seq used, 0 before the first DATA (§3, §4.4)
     * @param timed true for the heartbeat's periodic ping, false for a ping forced by the data path (§4.3)
     */
    public static void write(ByteBuffer buf, int base, int nodeId, int linkId, long nanoTime, int seq, boolean timed) {
        Wire.checkRange(linkId, 0, 255, "linkId");
        Wire.checkRange(seq, 0, 65535, "seq");
        KnetPacket.writeHeader(buf, base, KnetPacket.TYPE_PING, nodeId);
        buf.put(base + OFF_LINK, (byte) linkId);
        // floorDiv/floorMod keep nanos in 0..999999999 even for a negative nanoTime, and round-trip exactly
        Wire.putI64le(buf, base + OFF_TIME_SEC, Math.floorDiv(nanoTime, NANOS_PER_SECOND));
        Wire.putI64le(buf, base + OFF_TIME_NSEC, Math.floorMod(nanoTime, NANOS_PER_SECOND));
        Wire.putU16be(buf, base + OFF_SEQ, seq);
        buf.put(base + OFF_TIMED, (byte) (timed ? 1 : 0));
    }

    /**
     * Append a PING at {@code dst.position()} and advance the position by {@link #SIZE}. Arguments as for
     * {@link #write}.
     *
     * @throws java.nio.BufferOverflowException if fewer than 26 bytes remain (nothing is written)
     */
    public static void writePing(ByteBuffer dst, int nodeId, int linkId, long nanoTime, int seq, boolean timed) {
        int at = Wire.reserve(dst, SIZE);
        write(dst, at, nodeId, linkId, nanoTime, seq, timed);
        dst.position(at + SIZE);
    }

    /** The pinger's link id, 0..255 as received (1.25 uses it mod 8; we refuse ids of unconfigured links). */
    public static int linkId(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_LINK);
    }

    /**
     * The timestamp a PONG echoes, back in {@link System#nanoTime()} units. Only meaningful for a PONG to one of our
     * own pings; for anything else the value is arbitrary (it wraps silently, it never throws).
     */
    public static long timestampNanos(ByteBuffer buf, int base) {
        long sec = Wire.i64le(buf, base + OFF_TIME_SEC);
        long nsec = Wire.i64le(buf, base + OFF_TIME_NSEC);
        return sec * NANOS_PER_SECOND + nsec;
    }

    /** The pinger's TX seq, big-endian uint16 (§3). */
    public static int seq(ByteBuffer buf, int base) {
        return Wire.u16be(buf, base + OFF_SEQ);
    }

    /** True for a periodic (timed) ping. Like 1.25, any non-zero byte counts as timed (§3, §4.4). */
    public static boolean timed(ByteBuffer buf, int base) {
        return buf.get(base + OFF_TIMED) != 0;
    }

    /**
     * Turn the PING at {@code base} into our PONG in place: type 0x82 and our node id; link, timestamp, seq, timed
     * and the pad bytes stay as received, as 1.25 does (§3 "PONG generation").
     */
    public static void toPong(ByteBuffer buf, int base, int ourNodeId) {
        KnetPacket.retag(buf, base, KnetPacket.TYPE_PONG, ourNodeId);
    }

    /**
     * Copy the 26 bytes of the PING at {@code base} in {@code ping} to {@code dst.position()}, retag the copy as our
     * PONG ({@link #toPong}) and advance {@code dst}'s position by 26. The PING is left untouched.
     *
     * @throws java.nio.BufferOverflowException if fewer than 26 bytes remain in {@code dst} (nothing is written)
     */
    public static void writePong(ByteBuffer ping, int base, ByteBuffer dst, int ourNodeId) {
        Wire.checkRange(ourNodeId, 0, 65535, "ourNodeId");
        int at = Wire.reserve(dst, SIZE);
        dst.put(at, ping, base, SIZE);
        toPong(dst, at, ourNodeId);
        dst.position(at + SIZE);
    }
}
