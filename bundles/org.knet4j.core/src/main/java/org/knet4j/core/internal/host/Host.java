package org.knet4j.core.internal.host;

import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.core.internal.link.Link;

/**
 * A peer (or this node itself) as the handle knows it: name, policy, its up-to-8 links, the links that currently
 * carry data, and its receive state.
 *
 * <p>The set of active links is recomputed on every link change and published as an immutable array, so the send
 * path reads it without a lock.
 */
public final class Host {
    private static final Link[] NO_LINKS = new Link[0];

    private final int id;
    private final Link[] links = new Link[KnetHandle.MAX_LINK];
    private final HostRxState rx = new HostRxState();
    private volatile String name;
    private volatile LinkPolicy policy = LinkPolicy.PASSIVE;
    private volatile Link[] activeLinks = NO_LINKS;
    private volatile boolean reachable;
    private volatile int onwireVersion;
    private int roundRobin;

    public Host(int id) {
        this.id = id;
        this.name = Integer.toString(id);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LinkPolicy policy() {
        return policy;
    }

    public void setPolicy(LinkPolicy policy) {
        this.policy = policy;
    }

    public HostRxState rx() {
        return rx;
    }

    /** The configured link {@code linkId} (0..7), or null. */
    public Link link(int linkId) {
        return links[linkId];
    }

    public void setLink(int linkId, Link link) {
        links[linkId] = link;
    }

    public List<Link> configuredLinks() {
        List<Link> list = new ArrayList<>();
        for (Link l : links) {
            if (l != null) {
                list.add(l);
            }
        }
        return list;
    }

    public boolean hasLinks() {
        for (Link l : links) {
            if (l != null) {
                return true;
            }
        }
        return false;
    }

    public boolean reachable() {
        return reachable;
    }

    /** The last onwire version seen from this host (1 for every 1.25 peer). */
    public int onwireVersion() {
        return onwireVersion;
    }

    public void setOnwireVersion(int v) {
        this.onwireVersion = v;
    }

    /**
     * Recompute the active link set by policy (WIRE.md §9): passive keeps the single highest-priority active link
     * (ties: lowest id); active and round-robin keep all active links.
     *
     * @return true if reachability changed
     */
    public synchronized boolean recomputeActiveLinks() {
        List<Link> up = new ArrayList<>();
        for (Link l : links) {
            if (l != null && l.active()) {
                up.add(l);
            }
        }
        Link[] next;
        if (up.isEmpty()) {
            next = NO_LINKS;
        } else if (policy == LinkPolicy.PASSIVE) {
            Link best = up.get(0);
            for (Link l : up) {
                if (l.priority() > best.priority()) {
                    best = l;
                }
            }
            next = new Link[] {best};
        } else {
            next = up.toArray(NO_LINKS);
        }
        activeLinks = next;
        boolean nowReachable = next.length > 0;
        boolean changed = nowReachable != reachable;
        reachable = nowReachable;
        return changed;
    }

    /** The links that carry data now (lock-free read of an immutable snapshot). */
    public Link[] activeLinks() {
        return activeLinks;
    }

    /**
     * The links one message goes out on: all active links under ACTIVE, the next one in turn under ROUND_ROBIN,
     * the chosen one under PASSIVE. Called only from the send path, which is serialised per handle.
     */
    public Link[] linksForNextMessage(Link[] scratchOne) {
        Link[] active = activeLinks;
        if (policy != LinkPolicy.ROUND_ROBIN || active.length <= 1) {
            return active;
        }
        int i = roundRobin++ % active.length;
        if (roundRobin < 0) {
            roundRobin = 0;
        }
        scratchOne[0] = active[i];
        return scratchOne;
    }
}
