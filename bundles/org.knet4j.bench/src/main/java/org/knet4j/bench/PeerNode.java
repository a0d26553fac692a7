package org.knet4j.bench;

import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.PingTimers;

/**
 * One peer's knet handle, set up as the C peer sets up its own: the peer host, its links (link l from --bind
 * port + l to --peer port + l, priority links-1-l), heartbeat timers, crypto and compression, the channel, a
 * unicast filter to the peer and forwarding on.
 */
final class PeerNode implements AutoCloseable {
    /** Latency samples the heartbeat's running mean covers (libknet's default precision). */
    static final int PING_PRECISION = 2048;

    private final PeerOptions options;
    private final PeerConsole console;
    private final PeerLog log;
    private final KnetHandle handle;
    private final DataChannel channel;

    private PeerNode(PeerOptions options, PeerConsole console, PeerLog log, KnetHandle handle, DataChannel channel) {
        this.options = options;
        this.console = console;
        this.log = log;
        this.handle = handle;
        this.channel = channel;
    }

    /**
     * Create and configure the handle. On failure nothing is left open.
     *
     * @throws KnetException as the failing libknet call raised it (EINVAL for a crypto or compression model that is
     *                       not installed, EADDRINUSE for a busy port, ...)
     */
    static PeerNode open(Knet knet, PeerOptions o, PeerConsole console, PeerLog log) throws KnetException {
        KnetHandle h = knet.newHandle(new HandleOptions(o.id(), null, o.logLevel(), false));
        try {
            int peer = o.peerId();
            h.enableSockNotify((ch, dir, err, why) -> log.warn("channel {} {}: {} {}", ch, dir, err, why));
            h.enableHostStatusNotify((host, status) ->
                    console.notice("HOST " + host + " reachable=" + (status.reachable() ? 1 : 0)));
            if (o.pmtudFreq() > 0) {
                h.pmtudSetFreq(o.pmtudFreq());
            }
            if (o.crypto() != null) {
                h.cryptoSetConfig(o.crypto(), 1);
                h.cryptoUseConfig(1);
                h.cryptoRxClearTraffic(false);
            }
            if (o.compress() != null) {
                h.compress(o.compress());
            }
            h.hostAdd(peer);
            h.hostSetPolicy(peer, o.policy());
            for (int l = 0; l < o.links(); l++) {
                h.linkSetConfig(peer, l, LinkConfig.udp(o.bind(l), o.peer(l)));
                h.linkSetPingTimers(peer, l, new PingTimers(o.pingIntervalMs(), o.pingTimeoutMs(), PING_PRECISION));
                h.linkSetPongCount(peer, l, o.pongCount());
                h.linkSetPriority(peer, l, o.priority(l));
                h.linkSetEnable(peer, l, true);
            }
            DataChannel ch = h.openChannel(o.channel());
            h.enableFilter(DestinationFilter.unicastTo(peer));
            h.setForwarding(true);
            return new PeerNode(o, console, log, h, ch);
        } catch (KnetException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /**
     * Poll (every 10 ms) until the peer is reachable.
     *
     * @return false after --timeout seconds, or on a stop request
     */
    boolean awaitPeer(RunControl control) throws KnetException, InterruptedException {
        long deadline = System.nanoTime() + options.timeoutNanos();
        while (!handle.hostGetStatus(options.peerId()).reachable()) {
            if (System.nanoTime() - deadline > 0 || control.stopRequested()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    KnetHandle handle() {
        return handle;
    }

    DataChannel channel() {
        return channel;
    }

    /**
     * Wait until the queued messages have left: the links' data packet counters stop moving for 100 ms (bounded
     * by 10 s). Only {@code send} queues; {@code sendSync} has sent when it returns.
     */
    void drainQueue() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        int still = 0;
        while (still < 5 && System.nanoTime() - deadline < 0) {
            long now = txDataPackets();
            still = now == last ? still + 1 : 0;
            last = now;
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private long txDataPackets() {
        long sum = 0;
        for (int l = 0; l < options.links(); l++) {
            try {
                LinkStatus s = handle.linkGetStatus(options.peerId(), l);
                sum += s.stats().txDataPackets();
            } catch (KnetException e) {
                log.debug("link {} status: {}", l, e.getMessage());
            }
        }
        return sum;
    }

    /** Stop notifications (RESULT must stay the last line) and free the handle. */
    @Override
    public void close() {
        console.mute();
        handle.enableHostStatusNotify(null);
        handle.close();
    }
}
