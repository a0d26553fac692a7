package org.knet4j.core.internal.onwire;

import java.nio.ByteBuffer;

/**
 * The common 6-byte header every knet packet starts with (WIRE.md §1) and the packet-size constants (§1, §13).
 * Offsets are from the packet's base index; see the package documentation for the conventions.
 */
public final class KnetPacket {
    /** 1.25 has no version negotiation: always 1, and a receiver drops anything else (§1). */
    public static final int VERSION = 1;

    public static final int TYPE_DATA = 0x00;
    public static final int TYPE_PING = 0x81;
    public static final int TYPE_PONG = 0x82;
    public static final int TYPE_PMTUD = 0x83;
    public static final int TYPE_PMTUD_REPLY = 0x84;
    /** Bit 0x80 marks a service packet (PING, PONG, PMTUD, PMTUD_REPLY), whose byte 6 is a link id. */
    public static final int TYPE_SERVICE_MASK = 0x80;

    /** The common header alone. */
    public static final int HEADER_SIZE = 6;
    /** 1.25 drops anything shorter than the header plus one byte (§1, "Versions and compatibility"). */
    public static final int MIN_PACKET_SIZE = HEADER_SIZE + 1;
    /** Common header + DATA header (§2). */
    public static final int DATA_HEADER_SIZE = 14;
    /** A PING or PONG is always exactly this long before crypto (§3). */
    public static final int PING_SIZE = 26;
    /** Common header + PMTUD header; a PMTUD_REPLY is exactly this long before crypto (§6). */
    public static final int PMTUD_HEADER_SIZE = 9;
    /**
     * libknet's {@code KNET_HEADER_ALL_SIZE}: the header plus its largest payload (the ping's 20 bytes). Every MTU
     * computation uses it, even for DATA whose header is 14 (§1, §6).
     */
    public static final int ALL_SIZE = 26;
    /** The largest user message, {@code KNET_MAX_PACKET_SIZE} (§2 rule 1, §13). */
    public static final int MAX_PACKET_SIZE = 65536;

    static final int OFF_VERSION = 0;
    static final int OFF_TYPE = 1;
    static final int OFF_NODE_ID = 2;
    static final int OFF_PAD1 = 4;
    static final int OFF_PAD2 = 5;

    private KnetPacket() {
    }

    /** The version byte (0..255). */
    public static int version(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_VERSION);
    }

    /** The type byte (0..255). */
    public static int type(ByteBuffer buf, int base) {
        return Wire.u8(buf, base + OFF_TYPE);
    }

    /** The sender's host id, big-endian uint16 (0..65535, all valid). */
    public static int nodeId(ByteBuffer buf, int base) {
        return Wire.u16be(buf, base + OFF_NODE_ID);
    }

    /** True for the four service types, whose byte 6 is a link id (§3, §6). */
    public static boolean isService(int type) {
        return (type & TYPE_SERVICE_MASK) != 0;
    }

    /**
     * Write 1, type, node id (big-endian), 0, 0 at {@code base}: what 1.25 sends and expects (§1; bytes 4 and 5 are
     * never read by 1.25). The position is not moved.
     *
     * @throws IllegalArgumentException if type is not 0..255 or nodeId not 0..65535
     */
    public static void writeHeader(ByteBuffer buf, int base, int type, int nodeId) {
        Wire.checkRange(type, 0, 255, "type");
        Wire.checkRange(nodeId, 0, 65535, "nodeId");
        buf.put(base + OFF_VERSION, (byte) VERSION);
        buf.put(base + OFF_TYPE, (byte) type);
        Wire.putU16be(buf, base + OFF_NODE_ID, nodeId);
        buf.put(base + OFF_PAD1, (byte) 0);
        buf.put(base + OFF_PAD2, (byte) 0);
    }

    /** Overwrite type and node id only, leaving every other byte as it is (how 1.25 turns a PING into a PONG). */
    static void retag(ByteBuffer buf, int base, int type, int nodeId) {
        Wire.checkRange(nodeId, 0, 65535, "nodeId");
        buf.put(base + OFF_TYPE, (byte) type);
        Wire.putU16be(buf, base + OFF_NODE_ID, nodeId);
    }
}
