package org.knet4j.core.internal.onwire;

import java.nio.ByteBuffer;

/**
 * PMTUD probe (0x83) and PMTUD_REPLY (0x84), WIRE.md §6: link id at 6, the probe's on-wire size at 7 as a
 * <b>little-endian</b> uint16 (1.25 writes it in x86 host order), then zero fill up to the probe length. A reply is
 * exactly the first 9 bytes, retagged. Offsets are from the packet's base index; see the package documentation.
 */
public final class PmtudPacket {
    /** Common header + link id + size; also the exact length of a reply before crypto. */
    public static final int HEADER_SIZE = KnetPacket.PMTUD_HEADER_SIZE;
    /** A reply is exactly this long before crypto (§6). */
    public static final int REPLY_SIZE = HEADER_SIZE;

    static final int OFF_LINK = 6;
    static final int OFF_SIZE = 7;

    private PmtudPacket() {
    }

    /**
     * Append a probe at {@code dst.position()}: header, link id, {@code onwireSize} (little-endian), then zeros up to
     * {@code totalLength} bytes, as 1.25 sends them (§6). Advances the position by {@code totalLength}.
     *
     * @param onwireSize the full IP packet size this probe stands for (IP + UDP headers included), 0..65535; the
     *        reply echoes it and the prober compares it with what it sent
     * @param totalLength the plaintext probe length, at least {@link #HEADER_SIZE}
     * @throws IllegalArgumentException on an out-of-range argument
     * @throws java.nio.BufferOverflowException if {@code totalLength} bytes do not fit (nothing is written)
     */
    public static void writeProbe(ByteBuffer dst, int nodeId, int linkId, int onwireSize, int totalLength) {
        Wire.checkRange(linkId, 0, 255, "linkId");
        Wire.checkRange(onwireSize, 0, 65535, "onwireSize");
        Wire.checkRange(totalLength, HEADER_SIZE, Integer.MAX_VALUE, "totalLength");
        int at = Wire.reserve(dst, totalLength);
        KnetPacket.writeHeader(dst, at, KnetPacket.TYPE_PMTUD, nodeId);
        dst.put(at + OFF_LINK, (byte) linkId);
        Wire.putU16le(dst, at + OFF_SIZE, onwireSize);
        // probes are rare (one pass per minute per link), so a plain loop is enough for the fill
        for (int i = at + HEADER_SIZE, end = at + totalLength; i < end; i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(at + totalLength);
    }

    /**
     * Append the 9-byte reply to the probe at {@code base} in {@code probe}: its first 9 bytes copied verbatim (link
     * id and size bytes echoed as received, whatever their order), retagged as type 0x84 with our node id. Advances
     * {@code dst}'s position by 9; the probe is left untouched. Replies go out for any probe size (§6).
     *
     * @throws java.nio.BufferOverflowException if fewer than 9 bytes remain in {@code dst} (nothing is written)
     */
    public static void writeReply(ByteBuffer probe, int base, ByteBuffer dst, int ourNodeId) {
        Wire.checkRange(ourNodeId, 0, 65535, "ourNodeId");
        int at = Wire.reserve(dst, REPLY_SIZE);
        dst.put(at, probe, base, REPLY_SIZE);
        KnetPacket.retag(dst, at, KnetPacket.TYPE_PMTUD_REPLY, ourNodeId);
        dst.position(at + REPLY_SIZE);
    }

    /** The prober's link id, 0..255 as received. */
    public static int linkId(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_LINK);
    }

    /** The size field, read little-endian as we (and 1.25 on x86/arm) write it. */
    public static int size(ByteBuffer buf, int base) {
        return Wire.u16le(buf, base + OFF_SIZE);
    }
}
