package org.knet4j.core.internal.util;

import java.nio.ByteBuffer;

/**
 * A writable duplicate of a caller's buffer whose position and limit the send path may move (to a fragment's
 * window, or past what a plugin read) without touching the caller's: made again only when the caller passes
 * another buffer, so a sender that reuses its buffer costs no view object per message. The caller's buffer is
 * never changed, so two threads may still send the same buffer at once (each send path has its own duplicate).
 *
 * <p>The duplicate is valid until the next call. One thread at a time (the send path's lock).
 */
public final class ReusedDuplicate {
    private ByteBuffer source;
    private ByteBuffer view;

    /** A buffer over {@code msg}'s content with {@code msg}'s position and limit; {@code msg} is not changed. */
    public ByteBuffer of(ByteBuffer msg) {
        if (msg != source || view == null) {
            view = msg.duplicate();
            source = msg;
        } else {
            view.clear().limit(msg.limit()).position(msg.position());
        }
        return view;
    }
}
