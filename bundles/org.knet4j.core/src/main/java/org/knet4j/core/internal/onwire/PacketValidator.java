package org.knet4j.core.internal.onwire;

import java.nio.ByteBuffer;

/**
 * Classifies a plaintext datagram before anything else looks at it (WIRE.md §5 step 2, plus the fragment checks that
 * 1.25 lacks and CVE-2026-15813 needs, §5.1 rule 6). It never throws and never allocates: a receiver must survive
 * any input. Only {@link Verdict#OK} packets may be given to the field readers of this package.
 */
public final class PacketValidator {
    /**
     * The outcome; anything but {@link #OK} means drop and count. Checks run in this order: at least 7 bytes,
     * version, type, the type's minimum length, then for DATA the payload length, fragment fields and channel.
     */
    public enum Verdict {
        OK,
        /**
         * Shorter than 7 bytes (1.25's own limit), or shorter than its type needs: DATA 15 (a 14-byte header and at
         * least one payload byte), PING/PONG 26, PMTUD/PMTUD_REPLY 9. Also given when the region
         * {@code [base, base + len)} does not lie inside the buffer: there is no packet to read.
         */
        TOO_SHORT,
        /** Version byte other than 1 (§1). */
        BAD_VERSION,
        /** Type byte other than the five of §1. */
        UNKNOWN_TYPE,
        /** A DATA payload longer than the largest message, 65536 bytes (§2 rule 1). */
        TOO_LONG,
        /** DATA with frag_num 0 or 255, or (when frag_num is above 1) frag_seq 0 or above frag_num (§2). */
        BAD_FRAGMENT,
        /** DATA whose channel (int8) is outside 0..31 (§2, §11). */
        BAD_CHANNEL
    }

    private PacketValidator() {
    }

    /**
     * Check the packet of {@code len} bytes starting at absolute index {@code base} of {@code buf}.
     *
     * <p>One deliberate leniency: with frag_num 1 the frag_seq byte is not checked, because a 1.25 receiver accepts
     * and ignores it there (§2 rule 6) and nothing is reassembled, so no value can do harm.
     */
    public static Verdict check(ByteBuffer buf, int base, int len) {
        if (buf == null || base < 0 || len < KnetPacket.MIN_PACKET_SIZE || base > buf.limit() - len) {
            return Verdict.TOO_SHORT;
        }
        if (KnetPacket.version(buf, base) != KnetPacket.VERSION) {
            return Verdict.BAD_VERSION;
        }
        int type = KnetPacket.type(buf, base);
        int min = minimumLength(type);
        if (min < 0) {
            return Verdict.UNKNOWN_TYPE;
        }
        if (len < min) {
            return Verdict.TOO_SHORT;
        }
        return type == KnetPacket.TYPE_DATA ? checkData(buf, base, len) : Verdict.OK;
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case KnetPacket.TYPE_DATA -> DataHeader.SIZE + 1;
            case KnetPacket.TYPE_PING, KnetPacket.TYPE_PONG -> PingPacket.SIZE;
            case KnetPacket.TYPE_PMTUD, KnetPacket.TYPE_PMTUD_REPLY -> PmtudPacket.HEADER_SIZE;
            default -> -1;
        };
    }

    private static Verdict checkData(ByteBuffer buf, int base, int len) {
        if (len - DataHeader.SIZE > KnetPacket.MAX_PACKET_SIZE) {
            return Verdict.TOO_LONG;
        }
        int fragNum = DataHeader.fragNum(buf, base);
        if (fragNum == 0 || fragNum > DataHeader.MAX_FRAGMENTS) {
            return Verdict.BAD_FRAGMENT;
        }
        int fragSeq = DataHeader.fragSeq(buf, base);
        if (fragNum > 1 && (fragSeq == 0 || fragSeq > fragNum)) {
            return Verdict.BAD_FRAGMENT;
        }
        int channel = DataHeader.channel(buf, base);
        if (channel < 0 || channel >= DataHeader.CHANNELS) {
            return Verdict.BAD_CHANNEL;
        }
        return Verdict.OK;
    }
}
