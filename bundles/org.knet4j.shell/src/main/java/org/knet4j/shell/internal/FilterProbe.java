package org.knet4j.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.Direction;
import org.knet4j.api.FilterRequest;

/**
 * A TX request for asking the handle's filter, before sending, where it would send a message: the engine calls the
 * same filter with the same data and channel in sendSync, so a filter that decides by those alone answers the same
 * way both times.
 */
final class FilterProbe implements FilterRequest {
    private final int localHostId;
    private int channel;
    private final List<Integer> destinations = new ArrayList<>();

    FilterProbe(int localHostId, int channel) {
        this.localHostId = localHostId;
        this.channel = channel;
    }

    @Override
    public Direction direction() {
        return Direction.TX;
    }

    @Override
    public int localHostId() {
        return localHostId;
    }

    @Override
    public int sourceHostId() {
        return localHostId;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public void setChannel(int channel) {
        this.channel = channel;
    }

    @Override
    public void addDestination(int hostId) {
        destinations.add(hostId);
    }

    List<Integer> destinations() {
        return List.copyOf(destinations);
    }
}
