package org.knet4j.bench;

import java.util.concurrent.TimeUnit;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * {@code --rotate-key}: live key rotation the way corosync does it, on the C peer's timetable: after
 * {@code --rotate-after-ms}, the new key goes into crypto slot 2 (the receiver now accepts both keys), one second
 * later the handle sends with slot 2, one more second later slot 1 is cleared. Two peers running the same
 * timetable within a second of each other never send with a key the other lacks.
 */
final class KeyRotation implements Runnable {
    private static final long STEP_MS = 1000;

    private final KnetHandle handle;
    private final CryptoConfig next;
    private final long afterMs;
    private final PeerConsole console;
    private final PeerLog log;

    KeyRotation(KnetHandle handle, CryptoConfig next, long afterMs, PeerConsole console, PeerLog log) {
        this.handle = handle;
        this.next = next;
        this.afterMs = afterMs;
        this.console = console;
        this.log = log;
    }

    /** Run on a daemon thread, so that a peer that ends early does not wait for it. */
    Thread start() {
        Thread t = new Thread(this, "knet4j-peer-key-rotation");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        String step = "slot2";
        try {
            TimeUnit.MILLISECONDS.sleep(afterMs);
            handle.cryptoSetConfig(next, 2);
            console.line("ROTATE slot2-set");
            TimeUnit.MILLISECONDS.sleep(STEP_MS);
            step = "use2";
            handle.cryptoUseConfig(2);
            console.line("ROTATE use2");
            TimeUnit.MILLISECONDS.sleep(STEP_MS);
            step = "clear1";
            handle.cryptoSetConfig(CryptoConfig.none(), 1);
            console.line("ROTATED");
        } catch (KnetException e) {
            log.warn("key rotation failed at {}: {}", step, e.getMessage());
            console.line("ROTATE failed " + step + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
