package org.knet4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which crypto slot the handle sends with, and key changes done without loss the way corosync (and the peer
 * tool's {@code --rotate-key}) does them: the new key goes into the free slot (the receiver now accepts both),
 * one step later the handle sends with it, one more step later the old slot is cleared. Peers that get the same
 * change within a step of each other never receive a packet under a key they lack.
 *
 * <p>The later steps run on the node's scheduler; every method is called under the node's lock, and the steps
 * take that lock too, so a rotation never interleaves with a reconciliation. A new change while a rotation is
 * pending first finishes that rotation at once.
 */
final class CryptoSlots {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoSlots.class);

    private final KnetHandle handle;
    private final ScheduledExecutorService scheduler;
    private final Object lock;
    private final List<Step> pending = new ArrayList<>();
    private int active; // 0 = clear

    private record Step(String name, ScheduledFuture<?> future, KnetCall call) {
    }

    @FunctionalInterface
    private interface KnetCall {
        void run() throws KnetException;
    }

    CryptoSlots(KnetHandle handle, ScheduledExecutorService scheduler, Object lock) {
        this.handle = handle;
        this.scheduler = scheduler;
        this.lock = lock;
    }

    /** The slot used for sending now: 0 (clear), 1 or 2. */
    int activeSlot() {
        return active;
    }

    /** True while a rotation still has steps to run. */
    boolean rotating() {
        return !pending.isEmpty();
    }

    /**
     * Move from {@code from} to {@code to}. A first key and a return to clear traffic happen at once; a key
     * change rotates through the other slot in steps of {@code stepMs} (0: all at once).
     *
     * @throws KnetException if the first call fails; nothing has changed then
     */
    void change(CryptoSpec from, CryptoSpec to, long stepMs) throws KnetException {
        finishPending();
        if (!to.enabled()) {
            handle.cryptoUseConfig(0);
            active = 0;
            handle.cryptoRxClearTraffic(true);
            clearSlot(1);
            clearSlot(2);
        } else if (!from.enabled() || active == 0) {
            handle.cryptoSetConfig(to.toConfig(), 1);
            handle.cryptoUseConfig(1);
            handle.cryptoRxClearTraffic(false);
            active = 1;
        } else {
            int old = active;
            int next = 3 - old;
            handle.cryptoSetConfig(to.toConfig(), next);
            LOG.info("key rotation: new key in slot {}, sending with it in {} ms, slot {} cleared {} ms later",
                    next, stepMs, old, stepMs);
            schedule("use slot " + next, stepMs, () -> {
                handle.cryptoUseConfig(next);
                active = next;
            });
            schedule("clear slot " + old, 2 * stepMs, () -> clearSlot(old));
        }
    }

    private void clearSlot(int slot) throws KnetException {
        if (slot != active || active == 0) {
            handle.cryptoSetConfig(CryptoConfig.none(), slot);
        }
    }

    private void schedule(String name, long delayMs, KnetCall call) throws KnetException {
        if (delayMs == 0) {
            call.run();
            return;
        }
        Step[] self = new Step[1];
        ScheduledFuture<?> f = scheduler.schedule(() -> {
            synchronized (lock) {
                if (pending.remove(self[0])) {
                    runLogged(self[0]);
                }
            }
        }, delayMs, TimeUnit.MILLISECONDS);
        self[0] = new Step(name, f, call);
        pending.add(self[0]);
    }

    /** Run every pending rotation step now, in order (a new change, or the end of the node). */
    void finishPending() {
        while (!pending.isEmpty()) {
            Step s = pending.remove(0);
            s.future().cancel(false);
            runLogged(s);
        }
    }

    /** Forget pending steps without running them (the handle is going away). */
    void cancelPending() {
        for (Step s : pending) {
            s.future().cancel(false);
        }
        pending.clear();
    }

    private void runLogged(Step s) {
        try {
            s.call().run();
            LOG.debug("key rotation: {}", s.name());
        } catch (KnetException | RuntimeException e) {
            LOG.error("key rotation step '{}' failed: {}", s.name(), e.getMessage());
        }
    }
}
