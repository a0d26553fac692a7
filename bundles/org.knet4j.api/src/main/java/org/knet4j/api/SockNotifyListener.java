package org.knet4j.api;

/**
 * {@code knet_handle_enable_sock_notify}: a channel could not take or give data. In knet4j an RX notification means a
 * received message could not be handed to the channel (its queue is full, or its listener threw); the message is
 * dropped and counted. Must not block.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface SockNotifyListener {
    void channelError(int channel, Direction direction, KnetError error, String reason);
}
