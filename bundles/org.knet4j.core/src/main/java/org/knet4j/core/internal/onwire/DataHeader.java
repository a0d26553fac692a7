package org.knet4j.core.internal.onwire;

import java.nio.ByteBuffer;

/**
 * The DATA packet header (type 0x00, WIRE.md §2): the common header, then seq (big-endian uint16), compress, pad,
 * bcast, frag_num, frag_seq and channel (int8); the payload starts at offset {@link #SIZE}. Offsets are from the
 * packet's base index; see the package documentation.
 */
public final class DataHeader {
    /** Header length: the payload starts here. */
    public static final int SIZE = KnetPacket.DATA_HEADER_SIZE;
    /**
     * The most fragments we send or accept. The field allows 255, but v1.35 rejects it (its bitmap is indexed
     * 1..254), so we stay at 254 on both sides (§2, §13).
     */
    public static final int MAX_FRAGMENTS = 254;
    /** Channels are 0..31 ({@code KNET_DATAFD_MAX}, §13). */
    public static final int CHANNELS = 32;

    static final int OFF_SEQ = 6;
    static final int OFF_COMPRESS = 8;
    static final int OFF_PAD = 9;
    static final int OFF_BCAST = 10;
    static final int OFF_FRAG_NUM = 11;
    static final int OFF_FRAG_SEQ = 12;
    static final int OFF_CHANNEL = 13;

    private DataHeader() {
    }

    /** The message sequence number, big-endian uint16 (§2, §4). */
    public static int seq(ByteBuffer buf, int base) {
        return Wire.u16be(buf, base + OFF_SEQ);
    }

    /** The compression model id; 0 means not compressed (§8). */
    public static int compress(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_COMPRESS);
    }

    /** The raw bcast byte (1 broadcast, 0 unicast). A 1.25 receiver never reads it (§2); we expose it for tests. */
    public static int bcast(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_BCAST);
    }

    /** Total fragments, 0..255 as received (1 means not fragmented). */
    public static int fragNum(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_FRAG_NUM);
    }

    /** This fragment's 1-based index, or 0 for an unfragmented message, 0..255 as received. */
    public static int fragSeq(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_FRAG_SEQ);
    }

    /** The channel, an int8 on the wire: -128..127 as received; only 0..31 is valid (§2). */
    public static int channel(ByteBuffer buf, int base) {
        return buf.get(base + OFF_CHANNEL);
    }

    /**
     * Write the common header and the DATA header (14 bytes) at {@code base}; the position is not moved.
     *
     * @param fragSeq 0 when fragNum is 1, else 1..fragNum (§2)
     * @throws IllegalArgumentException for a value a 1.25 peer must never see, since its defragmenter trusts them
     *         (§5.1 rule 6): nodeId or seq not uint16, compress not uint8, fragNum not 1..254, fragSeq not as above,
     *         channel not 0..31
     */
    public static void write(ByteBuffer buf, int base, int nodeId, int seq, int compress, boolean bcast, int fragNum,
            int fragSeq, int channel) {
        Wire.checkRange(seq, 0, 65535, "seq");
        Wire.checkRange(compress, 0, 255, "compress");
        Wire.checkRange(fragNum, 1, MAX_FRAGMENTS, "fragNum");
        if (fragNum == 1) {
            Wire.checkRange(fragSeq, 0, 0, "fragSeq");
        } else {
            Wire.checkRange(fragSeq, 1, fragNum, "fragSeq");
        }
        Wire.checkRange(channel, 0, CHANNELS - 1, "channel");
        KnetPacket.writeHeader(buf, base, KnetPacket.TYPE_DATA, nodeId);
        Wire.putU16be(buf, base + OFF_SEQ, seq);
        buf.put(base + OFF_COMPRESS, (byte) compress);
        buf.put(base + OFF_PAD, (byte) 0);
        buf.put(base + OFF_BCAST, (byte) (bcast ? 1 : 0));
        buf.put(base + OFF_FRAG_NUM, (byte) fragNum);
        buf.put(base + OFF_FRAG_SEQ, (byte) fragSeq);
        buf.put(base + OFF_CHANNEL, (byte) channel);
    }
}
