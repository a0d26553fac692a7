package org.knet4j.core.internal.tx;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.KnetPacket;

/**
 * Splits one (possibly compressed) message into DATA packets (WIRE.md §2 sending rules): frag_num =
 * ceil(len / data_mtu), fragments 1..N−1 carry exactly data_mtu bytes and the last one the rest, frag_seq is 0 for
 * an unfragmented message and 1..N otherwise. A 1.25 receiver takes the fragment size from any non-last fragment and
 * does not check anything (§5.1 rule 6), so these rules are what keeps its heap intact. Stateless; no allocation.
 */
public final class Fragmenter {
    /** The most fragments we ever send: v1.35 rejects 255 (§2, §13). */
    public static final int MAX_FRAGMENTS = DataHeader.MAX_FRAGMENTS;

    private Fragmenter() {
    }

    /**
     * frag_num for a message of {@code messageLength} bytes at data MTU {@code mtu}, or -1 when it cannot be sent:
     * the length is outside 1..65536, the MTU is below 1, or more than 254 fragments would be needed. At the floor
     * MTU of 482 a 65536-byte message is 136 fragments; -1 only comes from an MTU below 259.
     */
    public static int fragmentCount(int messageLength, int mtu) {
        if (messageLength < 1 || messageLength > KnetPacket.MAX_PACKET_SIZE || mtu < 1) {
            return -1;
        }
        int n = (messageLength + mtu - 1) / mtu; // both bounded, no overflow
        return n <= MAX_FRAGMENTS ? n : -1;
    }

    /** Payload bytes of 1-based fragment {@code fragIndex} of {@code fragNum}: mtu for all but the last. */
    public static int fragmentLength(int messageLength, int mtu, int fragIndex, int fragNum) {
        return fragIndex < fragNum ? mtu : messageLength - (fragNum - 1) * mtu;
    }

    /**
     * Append DATA packet number {@code fragIndex} (1-based) of the message at {@code dst.position()}: the 14-byte
     * header (frag_seq 0 when {@code fragNum} is 1, else {@code fragIndex}) and the fragment's slice of
     * {@code message}, then advance {@code dst}'s position past it. {@code message} (position to limit) is read
     * with absolute gets and is not consumed; all fragments of a message share seq, compress, bcast and channel.
     *
     * @param fragNum {@link #fragmentCount}{@code (message.remaining(), mtu)}
     * @throws IllegalArgumentException if fragNum does not match the message and MTU, fragIndex is not 1..fragNum,
     *         or a header value is out of its wire range
     * @throws BufferOverflowException if the packet does not fit in {@code dst} (nothing is written)
     */
    public static void writeFragment(ByteBuffer dst, int nodeId, int seq, int compress, boolean bcast, int channel,
            ByteBuffer message, int mtu, int fragIndex, int fragNum) {
        int len = message.remaining();
        if (fragNum < 1 || fragNum != fragmentCount(len, mtu)) {
            throw new IllegalArgumentException("fragNum: " + fragNum + " (expected: " + fragmentCount(len, mtu)
                    + " for " + len + " bytes at mtu " + mtu + ")");
        }
        if (fragIndex < 1 || fragIndex > fragNum) {
            throw new IllegalArgumentException("fragIndex: " + fragIndex + " (expected: 1-" + fragNum + ")");
        }
        int payloadLen = fragmentLength(len, mtu, fragIndex, fragNum);
        int at = dst.position();
        if (dst.remaining() < DataHeader.SIZE + payloadLen) {
            throw new BufferOverflowException();
        }
        DataHeader.write(dst, at, nodeId, seq, compress, bcast, fragNum, fragNum == 1 ? 0 : fragIndex, channel);
        dst.put(at + DataHeader.SIZE, message, message.position() + (fragIndex - 1) * mtu, payloadLen);
        dst.position(at + DataHeader.SIZE + payloadLen);
    }
}
