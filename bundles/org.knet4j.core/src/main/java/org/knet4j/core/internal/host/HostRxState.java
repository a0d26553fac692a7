package org.knet4j.core.internal.host;

import org.knet4j.core.internal.rx.Defragmenter;
import org.knet4j.core.internal.rx.SeqWindow;

/**
 * The receive state of one source host: the de-duplication window and the defragmentation buffers. Guarded by
 * this object's monitor: two links of the same host may be served by different I/O threads.
 */
public final class HostRxState {
    private final SeqWindow window = new SeqWindow();
    private final Defragmenter defrag = new Defragmenter(window, System::nanoTime);

    public SeqWindow window() {
        return window;
    }

    public Defragmenter defrag() {
        return defrag;
    }

    /** The host lost all its links: forget its sequence history (WIRE.md §4.4). */
    public synchronized void wipe() {
        window.wipe();
        defrag.clear();
    }
}
