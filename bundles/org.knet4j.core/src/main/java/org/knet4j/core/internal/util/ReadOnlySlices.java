package org.knet4j.core.internal.util;

import java.nio.ByteBuffer;

/**
 * The read-only views a destination filter or a channel listener gets of a message: {@code msg[position, limit)}
 * with its own position 0, as {@code msg.asReadOnlyBuffer().slice()} would give, but made again only when the
 * message is in another buffer or starts somewhere new. Views are kept per start position ({@value #SLOTS} slots,
 * picked by position): a sender that reuses one buffer, the reassembly stores and the decompression buffer start
 * every message at one place, and the transport's kept read buffer puts each datagram of a batch in one of a few
 * fixed slots, so in the steady state a message costs no allocation.
 *
 * <p>A view stays valid until the next call (the callbacks' contract: "valid only during the call"). It reaches
 * up to the source's capacity, so a callback that clears it sees the rest of that buffer: only the process's own
 * data. One thread at a time: each send path and each socket's receiver keeps its own.
 */
public final class ReadOnlySlices {
    /** Views kept; a prime, so that starts a fixed stride apart (datagram slots) fall in different slots. */
    static final int SLOTS = 31;

    private final ByteBuffer[] sources = new ByteBuffer[SLOTS];
    private final int[] positions = new int[SLOTS];
    private final ByteBuffer[] views = new ByteBuffer[SLOTS];
    /** The last source's read-only duplicate, from which the views are sliced. */
    private ByteBuffer readOnlySource;
    private ByteBuffer readOnlyOf;

    /** A read-only view of {@code msg[position, limit)} at position 0; {@code msg} itself is not changed. */
    public ByteBuffer of(ByteBuffer msg) {
        int pos = msg.position();
        int slot = pos % SLOTS;
        ByteBuffer view = views[slot];
        if (view == null || sources[slot] != msg || positions[slot] != pos) {
            if (readOnlyOf != msg) {
                readOnlySource = msg.asReadOnlyBuffer();
                readOnlyOf = msg;
            }
            readOnlySource.limit(readOnlySource.capacity()).position(pos);
            view = readOnlySource.slice();
            views[slot] = view;
            sources[slot] = msg;
            positions[slot] = pos;
        }
        view.clear().limit(msg.remaining());
        return view;
    }
}
