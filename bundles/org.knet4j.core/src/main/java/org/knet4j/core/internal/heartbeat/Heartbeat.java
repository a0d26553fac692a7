package org.knet4j.core.internal.heartbeat;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.onwire.PingPacket;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.util.DaemonThreads;
import org.knet4j.core.internal.tx.LinkSender;
import org.knet4j.core.internal.tx.TxSequence;

/**
 * The handle's heartbeat thread: every tick it pings the links whose interval has passed and takes down those
 * whose pongs stopped (WIRE.md §3). libknet ticks every 200 ms, so its real ping intervals are multiples of 200 ms;
 * knet4j ticks every 50 ms so short test timers behave as asked, which changes no rule a peer can see.
 */
public final class Heartbeat {
    /** The tick. */
    public static final long TICK_MS = 50;

    private final HandleContext ctx;
    private final LinkHeartbeat rules;
    private final TxSequence txSeq;
    private final LinkSender sender;
    private final ByteBuffer ping = ByteBuffer.allocateDirect(PingPacket.SIZE);
    private final ScheduledExecutorService timer;

    public Heartbeat(HandleContext ctx, LinkHeartbeat rules, TxSequence txSeq) {
        this.ctx = ctx;
        this.rules = rules;
        this.txSeq = txSeq;
        this.sender = new LinkSender(ctx);
        this.timer = DaemonThreads.scheduler("knet4j-heartbeat-" + ctx.hostId);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            // a failing pass must not cancel the schedule: log and go on
            ctx.log.error(LogSubsystem.HEARTBEAT, "heartbeat pass failed: %s", e);
        }
    }

    void tick(long now) {
        for (Host host : ctx.hosts.all()) {
            for (int id = 0; id < 8; id++) {
                Link link = host.link(id);
                if (link == null || !link.enabled() || link.isLoopback() || !link.dynconnected()) {
                    continue;
                }
                if (rules.check(host, link, now)) {
                    sendPing(link, now, true);
                }
            }
        }
    }

    /** Send one ping on {@code link}: timed by the heartbeat, untimed when forced by the data path (§4.3). */
    private void sendPing(Link link, long now, boolean timed) {
        synchronized (link.heartbeat()) {
            link.heartbeat().lastPingNanos = now;
        }
        ping.clear();
        PingPacket.writePing(ping, ctx.hostId, link.linkId(), now, txSeq.current(), timed);
        ping.flip();
        sender.sendNow(link, ping, LinkCounters.TX_PING_PACKETS, LinkCounters.TX_PING_BYTES,
                LinkCounters.TX_PING_ERRORS);
    }

    /** Stop the thread (bounded wait). */
    public void stop() {
        DaemonThreads.stop(timer);
    }
}
