package org.knet4j.core.internal.link;

/**
 * The heartbeat bookkeeping of a link (WIRE.md §3). Guarded by its own monitor: the heartbeat thread (pings, down
 * detection, backoff decay) and the receive thread (pongs) both touch it.
 */
public final class LinkHeartbeatState {
    /** libknet starts the timeout multiplier at 10 after configuration and after every down. */
    public static final int INITIAL_BACKOFF = 10;

    public long lastPingNanos;
    public long lastPongNanos;
    public boolean pongEverReceived;
    public int receivedPongs;
    public long latencyUs;
    public long latencySamples;
    public long latencyMinUs = Long.MAX_VALUE;
    public long latencyMaxUs;
    public int backoff = INITIAL_BACKOFF;
    public long lastBackoffDecayNanos;

    /** Back to the state of a fresh or just-downed link. */
    public synchronized void resetForDown(long nowNanos) {
        receivedPongs = 0;
        backoff = INITIAL_BACKOFF;
        lastBackoffDecayNanos = nowNanos;
        pongEverReceived = false;
    }

    /** libknet's pong_timeout_adj in µs: timeout × backoff + 2 × mean latency. */
    public synchronized long timeoutAdjustedUs(long timeoutMs) {
        return timeoutMs * 1000L * backoff + 2 * latencyUs;
    }

    public synchronized void clearLatencyStats() {
        latencyMinUs = Long.MAX_VALUE;
        latencyMaxUs = 0;
        latencySamples = 0;
    }
}
