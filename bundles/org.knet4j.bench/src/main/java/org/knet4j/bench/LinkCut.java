package org.knet4j.bench;

import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * {@code --cut-link L --cut-after-ms MS}: disables link L to the peer MS after the mode starts, as the C peer does
 * with knet_link_set_enable(0), and prints {@code CUT link=L after_ms=MS} (or {@code CUT failed ...}). Traffic
 * must carry on over the other links; the receiver's max_gap_ms shows how long it paused.
 */
final class LinkCut implements Runnable {
    private final KnetHandle handle;
    private final int peer;
    private final int link;
    private final long afterMs;
    private final PeerConsole console;
    private final PeerLog log;

    LinkCut(KnetHandle handle, int peer, int link, long afterMs, PeerConsole console, PeerLog log) {
        this.handle = handle;
        this.peer = peer;
        this.link = link;
        this.afterMs = afterMs;
        this.console = console;
        this.log = log;
    }

    /** Run on a daemon thread, so that a peer that ends early does not wait for it. */
    Thread start() {
        Thread t = new Thread(this, "knet4j-peer-link-cut");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            TimeUnit.MILLISECONDS.sleep(afterMs);
            handle.linkSetEnable(peer, link, false);
            console.line("CUT link=" + link + " after_ms=" + afterMs);
        } catch (KnetException e) {
            log.warn("cutting link {} failed: {}", link, e.getMessage());
            console.line("CUT failed link=" + link + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
