package org.knet4j.core.internal.link;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.PingTimers;
import org.knet4j.api.TransportType;
import org.knet4j.core.internal.acl.CompiledAcl;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.transport.SharedSocket;

/**
 * One configured link to a host: its configuration, its socket, its heartbeat state and its counters.
 *
 * <p>Threads: configuration fields change under the handle's configuration lock; the heartbeat fields
 * ({@link LinkHeartbeatState}) change under this link's own monitor, from the heartbeat thread and the receive
 * thread; the volatile state flags are read lock-free by the send path.
 */
public final class Link {
    private static final int HISTORY = 16;

    private final int hostId;
    private final int linkId;
    private final LinkConfig config;
    private final LinkCounters counters = new LinkCounters();
    private final LinkHeartbeatState heartbeat = new LinkHeartbeatState();
    private final LinkPmtudState pmtud = new LinkPmtudState();
    private final ArrayDeque<Long> upTimes = new ArrayDeque<>();
    private final ArrayDeque<Long> downTimes = new ArrayDeque<>();

    /** Swapped whole on a change (under the configuration lock), read lock-free by the receive path. */
    private volatile CompiledAcl acl = CompiledAcl.EMPTY;
    private volatile InetSocketAddress destination;
    private volatile SharedSocket socket;
    private volatile boolean enabled;
    private volatile boolean connected;
    private volatile boolean dynconnected;
    private volatile int priority;
    private volatile int pongCount = 5;
    private volatile PingTimers timers = PingTimers.DEFAULT;
    private volatile int mtu;

    public Link(int hostId, int linkId, LinkConfig config, int initialMtu) {
        this.hostId = hostId;
        this.linkId = linkId;
        this.config = config;
        this.destination = config.destination();
        this.dynconnected = !config.dynamic();
        this.mtu = initialMtu;
    }

    public int hostId() {
        return hostId;
    }

    public int linkId() {
        return linkId;
    }

    public LinkConfig config() {
        return config;
    }

    public boolean isLoopback() {
        return config.transport() == TransportType.LOOPBACK;
    }

    public boolean isDynamic() {
        return config.dynamic();
    }

    public LinkCounters counters() {
        return counters;
    }

    public LinkHeartbeatState heartbeat() {
        return heartbeat;
    }

    public LinkPmtudState pmtud() {
        return pmtud;
    }

    public CompiledAcl acl() {
        return acl;
    }

    /** Replace the access list (callers hold the handle's configuration lock). */
    public void setAcl(CompiledAcl acl) {
        this.acl = acl;
    }

    public InetSocketAddress destination() {
        return destination;
    }

    /** A dynamic link learned its peer's address (WIRE.md §3: from a service packet whose IP differs). */
    public void learnDestination(InetSocketAddress address) {
        this.destination = address;
        this.dynconnected = true;
    }

    public SharedSocket socket() {
        return socket;
    }

    public void setSocket(SharedSocket socket) {
        this.socket = socket;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean connected() {
        return connected;
    }

    public void setConnected(boolean connected) {
        this.connected = connected;
    }

    public boolean dynconnected() {
        return dynconnected;
    }

    public int priority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public int pongCount() {
        return pongCount;
    }

    public void setPongCount(int pongCount) {
        this.pongCount = pongCount;
    }

    public PingTimers timers() {
        return timers;
    }

    public void setTimers(PingTimers timers) {
        this.timers = timers;
    }

    public int mtu() {
        return mtu;
    }

    public void setMtu(int mtu) {
        this.mtu = mtu;
    }

    /**
     * Active = may carry data: enabled, connected (pongs in time), with a transport and a destination. A loopback
     * link is active as soon as it is enabled (libknet: no pings on loopback).
     */
    public boolean active() {
        if (!enabled) {
            return false;
        }
        if (isLoopback()) {
            return true;
        }
        return connected && socket != null && destination != null;
    }

    /** Record an up or down event with its wall-clock time (libknet's last_up_times / last_down_times). */
    public void recordTransition(boolean up) {
        long now = System.currentTimeMillis() / 1000;
        synchronized (upTimes) {
            ArrayDeque<Long> ring = up ? upTimes : downTimes;
            if (ring.size() == HISTORY) {
                ring.removeFirst();
            }
            ring.addLast(now);
        }
        counters.inc(up ? LinkCounters.UP_COUNT : LinkCounters.DOWN_COUNT);
    }

    public List<Long> upTimes() {
        synchronized (upTimes) {
            return new ArrayList<>(upTimes);
        }
    }

    public List<Long> downTimes() {
        synchronized (upTimes) {
            return new ArrayList<>(downTimes);
        }
    }

    @Override
    public String toString() {
        return "link " + hostId + "/" + linkId;
    }
}
