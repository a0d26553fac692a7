package org.knet4j.api;

import java.nio.ByteBuffer;

/**
 * {@code knet_handle_enable_filter}: decides for every message where it goes. Called on TX for every message and
 * on RX for every reassembled message, in the engine's threads; must be fast and must not block. A filter that
 * throws is treated as DROP.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface DestinationFilter {
    /**
     * @param data    the user message (read-only view, valid only during the call)
     * @param request direction, ids and channel; add destinations here for UNICAST
     */
    FilterVerdict filter(ByteBuffer data, FilterRequest request);

    /** A filter that sends every message to one host and accepts everything on receive. */
    static DestinationFilter unicastTo(int hostId) {
        return (data, request) -> {
            if (request.direction() == Direction.RX) {
                return FilterVerdict.BROADCAST;
            }
            request.addDestination(hostId);
            return FilterVerdict.UNICAST;
        };
    }
}
