package org.knet4j.core.internal.pmtud;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.link.LinkPmtudState;
import org.knet4j.core.internal.onwire.MtuMath;
import org.knet4j.core.internal.onwire.PmtudPacket;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.util.DaemonThreads;
import org.knet4j.core.internal.tx.LinkSender;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * Path-MTU discovery by libknet 1.25's probing rules (WIRE.md §6): per eligible link, a binary search between the
 * last good and last bad on-wire size starting at 65535, each probe aligned to the crypto padding and answered by a
 * PMTUD_REPLY echoing its size; at most 30 probes a run; a run per link every {@code pmtud_interval} seconds or when
 * forced (link up, crypto change). Runs on its own thread, one link after another.
 */
public final class PmtudProber {
    private static final long TICK_MS = 200;
    private static final int MAX_PROBES = 30;

    private final HandleContext ctx;
    private final IntSupplier intervalSeconds;
    private final Runnable recompute;
    private final LinkSender sender;
    private final ByteBuffer probe = ByteBuffer.allocateDirect(65536);
    private final ScheduledExecutorService timer;
    private volatile boolean manual;

    /**
     * @param recompute called (under the configuration lock by the caller's contract) when a link's MTU changed
     */
    public PmtudProber(HandleContext ctx, IntSupplier intervalSeconds, Runnable recompute) {
        this.ctx = ctx;
        this.intervalSeconds = intervalSeconds;
        this.recompute = recompute;
        this.sender = new LinkSender(ctx);
        this.timer = DaemonThreads.scheduler("knet4j-pmtud-" + ctx.hostId);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::pass, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** {@code pmtud_set}: while an interface MTU is forced, nothing is probed. */
    public void setManual(boolean manual) {
        this.manual = manual;
    }

    /** The receive thread got a PMTUD_REPLY for {@code link}. */
    public static void onReply(Link link, int size) {
        link.pmtud().reply(size);
    }

    private void pass() {
        try {
            if (manual) {
                return;
            }
            long now = System.nanoTime();
            long interval = intervalSeconds.getAsInt() * 1_000_000_000L;
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    LinkPmtudState st = l.pmtud();
                    if (!eligible(l) || (!st.forced && now - st.lastRunNanos < interval)) {
                        continue;
                    }
                    run(h, l);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ctx.log.error(LogSubsystem.PMTUD, "PMTUd pass failed: %s", e);
        }
    }

    private static boolean eligible(Link l) {
        return l.enabled() && l.connected() && !l.isLoopback() && l.dynconnected() && l.socket() != null;
    }

    private void run(Host host, Link link) throws InterruptedException {
        CryptoEngine e = ctx.crypto.txEngine();
        int salt = e == null ? 0 : e.saltSize();
        int hash = e == null ? 0 : e.hashSize();
        int block = e == null ? 0 : e.blockSize();
        boolean ipv6 = !(link.config().source().getAddress() instanceof Inet4Address);
        int ipUdp = MtuMath.ipHeader(ipv6) + MtuMath.UDP_HEADER;
        LinkPmtudState st = link.pmtud();
        int lastGood = MtuMath.onwireSize(MtuMath.KNET_HEADER_ALL, salt, hash, block) + ipUdp;
        int lastBad = 0;
        int onwire = MtuMath.PMTUD_FIRST_PROBE;
        int result = -1;
        for (int n = 0; n < MAX_PROBES && eligible(link); n++) {
            onwire = MtuMath.alignProbe(onwire, ipUdp, salt, hash, block);
            int app = MtuMath.appMtu(onwire - ipUdp, salt, hash, block);
            probe.clear();
            PmtudPacket.writeProbe(probe, ctx.hostId, link.linkId(), onwire, app + MtuMath.KNET_HEADER_ALL);
            probe.flip();
            st.expect(onwire);
            LinkSender.Outcome o = sender.sendNow(link, probe, LinkCounters.TX_PMTU_PACKETS,
                    LinkCounters.TX_PMTU_BYTES, LinkCounters.TX_PMTU_ERRORS);
            boolean ok = false;
            if (o == LinkSender.Outcome.SENT) {
                long waitUs = link.heartbeat().timeoutAdjustedUs(link.timers().timeoutMs());
                if (e != null) {
                    waitUs *= st.cryptoFactor;
                }
                long t0 = System.nanoTime();
                ok = st.await(waitUs * 1000);
                if (e != null) {
                    long took = (System.nanoTime() - t0) / 1000;
                    if (!ok) {
                        st.cryptoFactor = Math.min(128, st.cryptoFactor * 2);
                    } else if (took < waitUs / 2 && st.cryptoFactor > 2) {
                        st.cryptoFactor /= 2;
                    }
                }
            }
            if (!ok) {
                lastBad = onwire;
            } else {
                boolean done = e == null
                        ? onwire == MtuMath.PMTUD_FIRST_PROBE || lastBad == onwire + 1 || lastBad == lastGood
                        : onwire + block >= MtuMath.PMTUD_FIRST_PROBE || (lastBad != 0 && lastBad <= onwire + block);
                if (done) {
                    result = app;
                    break;
                }
                lastGood = onwire;
            }
            int next = (lastGood + lastBad) / 2;
            if (next == onwire && !ok && lastBad == lastGood + 1) {
                next = lastGood; // confirm the last good size, as libknet's search ends
            }
            onwire = next;
        }
        st.lastRunNanos = System.nanoTime();
        st.forced = false;
        if (result < 0) {
            ctx.log.warn(LogSubsystem.PMTUD, "host %d link %d: discovery found no size", host.id(), link.linkId());
            return;
        }
        int floor = MtuMath.minDataMtu(salt, hash, block);
        if (result < floor) {
            ctx.log.warn(LogSubsystem.PMTUD, "host %d link %d: path MTU %d is below the minimum %d", host.id(),
                    link.linkId(), result, floor);
        }
        boolean changed = link.mtu() != result || !st.discovered;
        link.setMtu(result);
        st.discovered = true;
        if (changed) {
            ctx.log.info(LogSubsystem.PMTUD, "host %d link %d: data MTU %d", host.id(), link.linkId(), result);
            recompute.run();
        }
    }

    public void stop() {
        DaemonThreads.stop(timer);
    }
}
