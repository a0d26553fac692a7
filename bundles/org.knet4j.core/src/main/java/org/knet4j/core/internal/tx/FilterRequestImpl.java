package org.knet4j.core.internal.tx;

import java.util.Arrays;
import org.knet4j.api.Direction;
import org.knet4j.api.FilterRequest;
import org.knet4j.api.KnetHandle;

/**
 * The reusable {@link FilterRequest} of one pipeline thread: holds the destinations a filter adds without
 * allocating per message.
 */
public final class FilterRequestImpl implements FilterRequest {
    private Direction direction;
    private int localHostId;
    private int sourceHostId;
    private int channel;
    private int[] destinations = new int[8];
    private int count;
    private boolean overflow;

    public FilterRequestImpl reset(Direction direction, int localHostId, int sourceHostId, int channel) {
        this.direction = direction;
        this.localHostId = localHostId;
        this.sourceHostId = sourceHostId;
        this.channel = channel;
        this.count = 0;
        this.overflow = false;
        return this;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public int localHostId() {
        return localHostId;
    }

    @Override
    public int sourceHostId() {
        return sourceHostId;
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
        if (count >= KnetHandle.MAX_HOST) {
            overflow = true; // libknet: more than KNET_MAX_HOST entries is an error
            return;
        }
        if (count == destinations.length) {
            destinations = Arrays.copyOf(destinations, Math.min(KnetHandle.MAX_HOST, count * 2));
        }
        destinations[count++] = hostId;
    }

    public int destinationCount() {
        return count;
    }

    public int destination(int i) {
        return destinations[i];
    }

    public boolean overflow() {
        return overflow;
    }

    public boolean contains(int hostId) {
        for (int i = 0; i < count; i++) {
            if (destinations[i] == hostId) {
                return true;
            }
        }
        return false;
    }
}
