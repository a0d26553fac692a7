package org.knet4j.api;

/**
 * The heartbeat timing of a link ({@code knet_link_set_ping_timers}). Defaults: 1000 ms, 2000 ms, 2048 samples.
 *
 * @param intervalMs how often a ping is sent, &gt; 0
 * @param timeoutMs  how long without a pong before the link goes down (scaled by the backoff), &gt; 0
 * @param precision  how many latency samples the running mean covers, &gt; 0
 */
public record PingTimers(long intervalMs, long timeoutMs, int precision) {
    public static final PingTimers DEFAULT = new PingTimers(1000, 2000, 2048);
}
