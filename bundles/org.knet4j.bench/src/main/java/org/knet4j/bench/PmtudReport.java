package org.knet4j.bench;

import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.PmtudListener;

/**
 * {@code --report-pmtud}: the C peer's {@code pmtud_report_*} rule, so both tools print the same line. A handle's
 * data MTU sits at the floor for its crypto until a PMTUd pass finds the path; attached right after setup (crypto
 * set, no link up yet: that takes pongs), this reads that floor, then waits for a PMTUd notification above it and
 * prints {@code PMTUD data_mtu=N link_mtu=N} ({@code pmtudGet()} and link 0's status MTU), or
 * {@code PMTUD timeout data_mtu=N link_mtu=N} if no pass finished in time.
 */
final class PmtudReport implements PmtudListener {
    private final KnetHandle handle;
    private final int peerId;
    private final int floor;
    private final PeerLog log;
    private int last;

    private PmtudReport(KnetHandle handle, int peerId, PeerLog log) {
        this.handle = handle;
        this.peerId = peerId;
        this.log = log;
        this.floor = handle.pmtudGet();
    }

    /** Read the floor and listen for changes of the data MTU; call right after the node's setup. */
    static PmtudReport attach(KnetHandle handle, int peerId, PeerLog log) {
        PmtudReport r = new PmtudReport(handle, peerId, log);
        handle.enablePmtudNotify(r);
        return r;
    }

    @Override
    public synchronized void dataMtuChanged(int dataMtu) {
        log.debug("pmtud notify: data mtu {}", dataMtu);
        last = dataMtu;
        notifyAll();
    }

    /**
     * Wait (at most {@code timeoutNanos}, or until a stop request) for a discovered data MTU.
     *
     * @return whether one came
     */
    synchronized boolean await(long timeoutNanos, RunControl control) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (last <= floor && !control.stopRequested()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(50, Math.max(1, left / 1_000_000)));
        }
        return last > floor;
    }

    /** The report line, {@code timeout} marking one printed without a discovered data MTU. */
    String line(boolean discovered) {
        int linkMtu = 0;
        try {
            LinkStatus s = handle.linkGetStatus(peerId, 0);
            linkMtu = s.mtu();
        } catch (KnetException e) {
            log.warn("link 0 status: {}", e.getMessage());
        }
        return "PMTUD " + (discovered ? "" : "timeout ") + "data_mtu=" + handle.pmtudGet() + " link_mtu=" + linkMtu;
    }
}
