package org.knet4j.core.internal.util;

import java.nio.ByteBuffer;

/**
 * The read-only views a destination filter or a channel listener gets of a message: {@code msg[position, limit)}
 * with its own position 0, as {@code msg.asReadOnlyBuffer().slice()} would give, but made again only when the
 * message is another buffer or starts elsewhere. A sender that reuses one buffer, the reassembly stores and the
 * decompression scratch buffer thus cost no allocation per message; a message read straight out of a datagram
 * still does, because each datagram is a buffer of its own.
 *
 * <p>A view stays valid until the next call (the callbacks' contract: "valid only during the call"). It reaches
 * up to the source's capacity, so a callback that clears it sees the rest of that buffer: only the process's own
 * data. One thread at a time: each send path and each socket's receiver keeps its own.
 */
public final class ReadOnlySlices {
    private ByteBuffer source;
    private int sourcePosition;
    private ByteBuffer view;

    /** A read-only view of {@code msg[position, limit)} at position 0; {@code msg} itself is not changed. */
    public ByteBuffer of(ByteBuffer msg) {
        int pos = msg.position();
        if (msg != source || pos != sourcePosition || view == null) {
            ByteBuffer all = msg.asReadOnlyBuffer();
            all.limit(all.capacity()).position(pos);
            view = all.slice();
            source = msg;
            sourcePosition = pos;
        }
        view.clear().limit(msg.remaining());
        return view;
    }
}
