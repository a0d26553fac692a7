package org.knet4j.core.internal.heartbeat;

import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.link.LinkHeartbeatState;

/**
 * libknet 1.25's link state rules (WIRE.md §3), so that a Java and a C node agree on when a link is up or down:
 * up on pong number pong_count+1 with the mean latency under the adjusted timeout; down when no pong arrived for
 * {@code timeout × backoff + 2 × latency}; the backoff starts at 10 and drops by one per second to 1.
 */
public final class LinkHeartbeat {
    private static final long SECOND = 1_000_000_000L;

    private final HandleContext ctx;

    public LinkHeartbeat(HandleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A pong for a ping we sent at {@code sentNanos} arrived on {@code link} (receive thread).
     */
    public void onPong(Host host, Link link, long sentNanos, long nowNanos) {
        long latencyUs = (nowNanos - sentNanos) / 1000;
        PingTimers t = link.timers();
        if (latencyUs < 0 || latencyUs > t.timeoutMs() * 1000) {
            return; // too late (or not ours): does not count toward link-up
        }
        boolean up = false;
        LinkHeartbeatState s = link.heartbeat();
        synchronized (s) {
            long k = Math.min(s.latencySamples + 1, t.precision());
            s.latencyUs = (s.latencyUs * (k - 1) + latencyUs) / k;
            s.latencySamples++;
            s.latencyMinUs = Math.min(s.latencyMinUs, latencyUs);
            s.latencyMaxUs = Math.max(s.latencyMaxUs, latencyUs);
            s.lastPongNanos = nowNanos;
            s.pongEverReceived = true;
            if (!link.connected() && link.enabled() && s.latencyUs < s.timeoutAdjustedUs(t.timeoutMs())) {
                if (s.receivedPongs >= link.pongCount()) {
                    link.setConnected(true);
                    up = true;
                } else {
                    s.receivedPongs++;
                }
            }
        }
        if (up) {
            link.recordTransition(true);
            ctx.linkStateChanged(host, link, true);
        }
    }

    /**
     * One heartbeat pass over a link (heartbeat thread): decay the backoff, take the link down on timeout.
     *
     * @return true if a ping is due now
     */
    public boolean check(Host host, Link link, long nowNanos) {
        boolean down = false;
        boolean pingDue;
        LinkHeartbeatState s = link.heartbeat();
        PingTimers t = link.timers();
        synchronized (s) {
            if (s.backoff > 1 && nowNanos - s.lastBackoffDecayNanos >= SECOND) {
                s.backoff--;
                s.lastBackoffDecayNanos = nowNanos;
            }
            if (link.connected() && s.pongEverReceived
                    && (nowNanos - s.lastPongNanos) / 1000 >= s.timeoutAdjustedUs(t.timeoutMs())) {
                link.setConnected(false);
                s.resetForDown(nowNanos);
                down = true;
            }
            pingDue = nowNanos - s.lastPingNanos >= t.intervalMs() * 1_000_000L;
        }
        if (down) {
            ctx.log.info(org.knet4j.api.LogSubsystem.HEARTBEAT, "host %d link %d: no pong in time",
                    host.id(), link.linkId());
            link.recordTransition(false);
            ctx.linkStateChanged(host, link, false);
        }
        return pingDue;
    }

    /** An administratively disabled (or removed) link leaves the active set at once. */
    public void disabled(Host host, Link link) {
        boolean was;
        synchronized (link.heartbeat()) {
            was = link.connected();
            link.setConnected(false);
            link.heartbeat().resetForDown(System.nanoTime());
        }
        if (was) {
            link.recordTransition(false);
            ctx.linkStateChanged(host, link, false);
        } else {
            ctx.hostLinksChanged(host);
        }
    }
}
