package org.knet4j.compress.lzma.internal;

import java.util.zip.CRC32;

/**
 * Lowers the dictionary size that the first block of an .xz stream declares, so that decoding a packet never
 * allocates the 8 MiB (preset 6) to 64 MiB (preset 9) dictionary a libknet sender writes in its LZMA2 filter
 * properties. A packet decompresses to at most 64 KiB, so no match can reach further back than that: decoding
 * with a 64 KiB dictionary gives the same bytes, and anything it refuses would have been larger than a packet.
 *
 * <p>Only the one LZMA2 property byte is changed, after the block header's own CRC32 was found correct, and the
 * CRC32 is then recomputed: every other check (stream header and footer, index, sizes) stays with XZ for Java.
 * Layout from the .xz file format 1.0.4, §2.1.1 and §3.1.
 */
final class XzDictionaryCap {
    /** Stream header: magic (6), stream flags (2), CRC32 (4). */
    private static final int STREAM_HEADER = 12;
    private static final int LZMA2_FILTER_ID = 0x21;
    /** The LZMA2 dictionary property of 64 KiB: {@code 2 << (8 / 2 + 11)}. */
    static final int DICT_64K = 8;
    /** The largest valid LZMA2 dictionary property. */
    private static final int DICT_PROP_MAX = 40;

    private XzDictionaryCap() {
    }

    /**
     * Patch {@code buf[0, len)} in place.
     *
     * @return false if the first block header is present but malformed (the stream is then refused)
     */
    static boolean capFirstBlock(byte[] buf, int len) {
        if (len <= STREAM_HEADER) {
            return true; // too short to hold a block: left to the decoder to refuse
        }
        int sizeByte = buf[STREAM_HEADER] & 0xff;
        if (sizeByte == 0) {
            return true; // the index indicator: a stream without blocks
        }
        int headerSize = (sizeByte + 1) * 4;
        int crcAt = STREAM_HEADER + headerSize - 4;
        if (crcAt + 4 > len) {
            return false;
        }
        if (crc32(buf, STREAM_HEADER, headerSize - 4) != readLe32(buf, crcAt)) {
            return false;
        }
        int flags = buf[STREAM_HEADER + 1] & 0xff;
        int filters = (flags & 0x03) + 1;
        int[] pos = {STREAM_HEADER + 2};
        if ((flags & 0x40) != 0 && varint(buf, pos, crcAt) < 0) {
            return false; // compressed size
        }
        if ((flags & 0x80) != 0 && varint(buf, pos, crcAt) < 0) {
            return false; // uncompressed size
        }
        boolean patched = false;
        for (int f = 0; f < filters; f++) {
            long id = varint(buf, pos, crcAt);
            long propsSize = varint(buf, pos, crcAt);
            if (id < 0 || propsSize < 0 || pos[0] + propsSize > crcAt) {
                return false;
            }
            if (id == LZMA2_FILTER_ID && propsSize == 1) {
                int prop = buf[pos[0]] & 0xff;
                if (prop > DICT_64K && prop <= DICT_PROP_MAX) {
                    buf[pos[0]] = DICT_64K;
                    patched = true;
                }
            }
            pos[0] += (int) propsSize;
        }
        if (patched) {
            writeLe32(buf, crcAt, crc32(buf, STREAM_HEADER, headerSize - 4));
        }
        return true;
    }

    /** An .xz variable-length integer (at most 9 bytes), or -1 if it runs past {@code end} or is too long. */
    private static long varint(byte[] buf, int[] pos, int end) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (pos[0] >= end) {
                return -1;
            }
            int b = buf[pos[0]++] & 0xff;
            v |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }

    private static long crc32(byte[] buf, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, len);
        return crc.getValue();
    }

    private static long readLe32(byte[] buf, int at) {
        return (buf[at] & 0xffL) | (buf[at + 1] & 0xffL) << 8 | (buf[at + 2] & 0xffL) << 16
                | (buf[at + 3] & 0xffL) << 24;
    }

    private static void writeLe32(byte[] buf, int at, long v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
