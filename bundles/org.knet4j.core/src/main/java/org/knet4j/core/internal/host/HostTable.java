package org.knet4j.core.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.knet4j.api.KnetHandle;

/**
 * The hosts of a handle: a 65536-slot table for lock-free lookup by id on the receive path, and an immutable
 * snapshot array (newest first, libknet's list order) for the heartbeat and broadcast sends. Changed only under the
 * handle's configuration lock.
 */
public final class HostTable {
    private static final Host[] EMPTY = new Host[0];

    private final AtomicReferenceArray<Host> byId = new AtomicReferenceArray<>(KnetHandle.MAX_HOST);
    private volatile Host[] snapshot = EMPTY;

    public Host get(int id) {
        return byId.get(id & 0xffff);
    }

    public void add(Host h) {
        byId.set(h.id(), h);
        Host[] old = snapshot;
        Host[] next = new Host[old.length + 1];
        next[0] = h;
        System.arraycopy(old, 0, next, 1, old.length);
        snapshot = next;
    }

    public void remove(Host h) {
        byId.compareAndSet(h.id(), h, null);
        List<Host> list = new ArrayList<>(List.of(snapshot));
        list.remove(h);
        snapshot = list.toArray(EMPTY);
    }

    /** All hosts, newest first. */
    public Host[] all() {
        return snapshot;
    }

    public boolean isEmpty() {
        return snapshot.length == 0;
    }
}
