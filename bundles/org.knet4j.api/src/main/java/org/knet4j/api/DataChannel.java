package org.knet4j.api;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One data channel of a handle: the Java form of a libknet datafd ({@code knet_handle_add_datafd}). Messages sent
 * here go to the peers' channel of the same number (unless a filter rewrites it); messages received on this
 * channel queue here until {@link #receive} takes them, or go to the {@link MessageListener} if one is set.
 *
 * <p>Thread-safe: any thread may send while another receives.
 */
@org.osgi.annotation.versioning.ProviderType
public interface DataChannel extends AutoCloseable {
    /** {@code KNET_MAX_PACKET_SIZE}: the largest message. */
    int MAX_MESSAGE_SIZE = 65536;

    /** The channel number, 0..31. */
    int channel();

    /**
     * {@code knet_send}: hand one message to the handle and return without waiting: when nothing of the handle is
     * queued and its send path is free, the message goes out from this thread; otherwise it is queued for the
     * handle's send thread. Either way the buffer is free again when this returns.
     *
     * @throws KnetException EINVAL if the length is 0 or above 65536 or the channel is closed; EAGAIN if the send
     *                       queue is full (nothing was queued: retry later)
     */
    void send(ByteBuffer message) throws KnetException;

    /** As {@link #send(ByteBuffer)} for {@code data[offset, offset+length)}. */
    void send(byte[] data, int offset, int length) throws KnetException;

    /**
     * {@code knet_send_sync}: send one message to exactly one host in the caller's thread; see
     * {@link KnetHandle#sendSync(int, ByteBuffer)} for the errors.
     */
    void sendSync(ByteBuffer message) throws KnetException;

    /**
     * Wait up to {@code timeout} for the next message and copy it into {@code buffer} at its position.
     *
     * @return the message length, or -1 if none arrived in time
     * @throws KnetException EMSGSIZE if the message does not fit in {@code buffer} (it stays queued); EINVAL if the
     *                       channel is closed or a listener is set
     */
    int receive(ByteBuffer buffer, Duration timeout) throws KnetException, InterruptedException;

    /**
     * Wait up to {@code timeout} for the next message.
     *
     * @return the message, or {@code null} if none arrived in time
     */
    Message receive(Duration timeout) throws KnetException, InterruptedException;

    /**
     * Deliver this channel's messages to {@code listener} from now on ({@code null} returns to queueing). Messages
     * already queued stay queued for {@link #receive}.
     */
    void setListener(MessageListener listener);

    /** Messages received but not yet taken. */
    int queued();

    /** {@code knet_handle_remove_datafd}: detach the channel; later messages for it are counted and dropped. */
    @Override
    void close();
}
