package org.knet4j.core.internal.handle;

import io.netty.buffer.ByteBufAllocator;
import org.knet4j.core.internal.util.EntryBuffers;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.Direction;
import org.knet4j.api.HostStatus;
import org.knet4j.api.HostStatusListener;
import org.knet4j.api.KnetError;
import org.knet4j.api.LinkStatusListener;
import org.knet4j.api.LogSubsystem;
import org.knet4j.api.PmtudListener;
import org.knet4j.api.SockNotifyListener;
import org.knet4j.core.internal.channel.DataChannelImpl;
import org.knet4j.core.internal.compress.CompressState;
import org.knet4j.core.internal.crypto.CryptoSlots;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.host.HostTable;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.log.KnetLog;
import org.knet4j.core.internal.plugin.PluginRegistry;
import org.knet4j.core.internal.stats.HandleCounters;

/**
 * What the send path, the receive path and the heartbeat of one handle share: its tables, settings and
 * listeners. Settings are volatile and read lock-free on the packet paths; they change under
 * {@link #configLock}.
 */
public final class HandleContext {
    public final int hostId;
    public final KnetLog log;
    public final HandleCounters counters = new HandleCounters();
    public final HostTable hosts = new HostTable();
    public final AtomicReferenceArray<DataChannelImpl> channels = new AtomicReferenceArray<>(32);
    public final CryptoSlots crypto = new CryptoSlots();
    public final CompressState compress = new CompressState();
    public final PluginRegistry plugins;
    public final ByteBufAllocator alloc;
    /** Send-queue and channel-queue entries (a free list for big ones). */
    public final EntryBuffers entries;
    public final Object configLock = new Object();
    final Notifier notifier;

    public volatile DestinationFilter filter;
    public volatile boolean forwarding;
    /** On by default, as libknet 1.35 after CVE-2026-15812 (1.25 had them off). */
    public volatile boolean accessLists = true;
    /** True when this node has a loopback link to itself: its own messages are copied to its channels. */
    public volatile boolean loopback;
    public volatile int dataMtu;
    /**
     * Bumped whenever a link is configured or cleared, so that each socket's receiver re-derives the links it
     * serves only then, not per packet.
     */
    private volatile int linkLayout;
    volatile SockNotifyListener sockNotify;
    volatile HostStatusListener hostNotify;
    volatile LinkStatusListener linkNotify;
    volatile PmtudListener pmtudNotify;
    /** Recomputes the data MTU (set by the handle; takes the configuration lock itself). */
    volatile Runnable mtuRecompute = () -> { };

    HandleContext(int hostId, KnetLog log, PluginRegistry plugins, ByteBufAllocator alloc) {
        this.hostId = hostId;
        this.log = log;
        this.plugins = plugins;
        this.alloc = alloc;
        this.entries = new EntryBuffers(alloc);
        this.notifier = new Notifier(hostId);
    }

    /** A link was configured or cleared (callers hold the configuration lock, which orders the bumps). */
    public void linkLayoutChanged() {
        linkLayout = linkLayout + 1;
    }

    public int linkLayout() {
        return linkLayout;
    }

    /** A link went up or down: update its host's active set and tell the listeners. */
    public void linkStateChanged(Host host, Link link, boolean up) {
        log.info(LogSubsystem.LINK, "host %d link %d is %s", host.id(), link.linkId(), up ? "up" : "down");
        if (up) {
            // a link that comes up is probed again before big fragments go on it (WIRE.md §6)
            link.pmtud().discovered = false;
            link.pmtud().forced = true;
            // link-up comes from a receive thread, which must never wait for the configuration lock
            notifier.post(mtuRecompute);
        }
        LinkStatusListener ll = linkNotify;
        if (ll != null) {
            notifier.post(() -> ll.linkStatusChanged(host.id(), link.linkId(), up));
        }
        hostLinksChanged(host);
    }

    /** Recompute a host's active links; on a reachability flip, notify (and wipe its rx state when lost). */
    public void hostLinksChanged(Host host) {
        if (host.recomputeActiveLinks()) {
            boolean reachable = host.reachable();
            log.info(LogSubsystem.HOST, "host %d is %s", host.id(), reachable ? "reachable" : "unreachable");
            if (!reachable) {
                synchronized (host.rx()) {
                    host.rx().wipe(); // WIRE.md §4.4: a host that lost all links starts over
                }
            }
            HostStatusListener hl = hostNotify;
            if (hl != null) {
                HostStatus st = new HostStatus(reachable, false, false);
                notifier.post(() -> hl.hostStatusChanged(host.id(), st));
            }
        }
    }

    /** A channel could not take or give data. */
    public void channelError(int channel, Direction dir, KnetError error, String reason) {
        SockNotifyListener l = sockNotify;
        if (l != null) {
            notifier.post(() -> l.channelError(channel, dir, error, reason));
        }
    }

    public void dataMtuChanged(int mtu) {
        PmtudListener l = pmtudNotify;
        if (l != null) {
            notifier.post(() -> l.dataMtuChanged(mtu));
        }
    }
}
