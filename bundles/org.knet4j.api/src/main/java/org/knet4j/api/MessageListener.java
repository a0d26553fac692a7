package org.knet4j.api;

import java.nio.ByteBuffer;

/**
 * Receives the messages of one {@link DataChannel} as they arrive, instead of the channel's queue. Called on the
 * engine's receive thread: it must not block. {@code data} is valid only during the call.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface MessageListener {
    void onMessage(int channel, int sourceHostId, ByteBuffer data);
}
