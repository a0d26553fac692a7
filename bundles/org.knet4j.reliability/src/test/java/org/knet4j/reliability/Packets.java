package org.knet4j.reliability;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-built libknet 1.25 packets (WIRE.md §1-§3, §6), written here from the spec rather than with the engine's own
 * writers, so a test does not share a bug with the code it checks.
 */
final class Packets {
    static final int DATA = 0x00;
    static final int PING = 0x81;
    static final int PONG = 0x82;
    static final int PMTUD = 0x83;
    static final int PMTUD_REPLY = 0x84;

    private Packets() {
    }

    /** A DATA packet: 14-byte header then {@code payload}. */
    static byte[] data(int node, int seq, int fragNum, int fragSeq, int channel, byte[] payload) {
        return data(node, seq, 0, fragNum, fragSeq, channel, payload);
    }

    static byte[] data(int node, int seq, int compress, int fragNum, int fragSeq, int channel, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        header(b, DATA, node);
        b.putShort((short) seq).put((byte) compress).put((byte) 0).put((byte) 0);
        b.put((byte) fragNum).put((byte) fragSeq).put((byte) channel).put(payload);
        return b.array();
    }

    /** A 26-byte PING (or PONG with {@code type} {@link #PONG}) with the given link id, timestamp and seq. */
    static byte[] ping(int type, int node, int linkId, long timestamp, int seq, boolean timed) {
        ByteBuffer b = ByteBuffer.allocate(26);
        header(b, type, node);
        b.put((byte) linkId);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(timestamp / 1_000_000_000L).putLong(timestamp % 1_000_000_000L);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) seq).put((byte) (timed ? 1 : 0));
        return b.array();
    }

    /** A PMTUD probe (or reply) of {@code length} bytes naming {@code linkId} and on-wire {@code size}. */
    static byte[] pmtud(int type, int node, int linkId, int size, int length) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(length, 9));
        header(b, type, node);
        b.put((byte) linkId).order(ByteOrder.LITTLE_ENDIAN).putShort((short) size);
        return b.array();
    }

    private static void header(ByteBuffer b, int type, int node) {
        b.put((byte) 1).put((byte) type).putShort((short) node).put((byte) 0).put((byte) 0);
    }

    /** Deterministic, position-dependent content, so a misplaced fragment is visible. */
    static byte[] pattern(int length, int salt) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) (i * 7 + salt * 13 + (i >>> 8));
        }
        return m;
    }

    static byte[] slice(byte[] m, int from, int to) {
        byte[] s = new byte[to - from];
        System.arraycopy(m, from, s, 0, s.length);
        return s;
    }
}
