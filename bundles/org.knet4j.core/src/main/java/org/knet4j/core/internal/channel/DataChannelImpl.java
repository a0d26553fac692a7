package org.knet4j.core.internal.channel;

import io.netty.buffer.ByteBuf;
import org.knet4j.core.internal.util.EntryBuffers;
import org.knet4j.core.internal.util.ReadOnlySlices;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.Message;
import org.knet4j.api.MessageListener;

/**
 * One open channel: the user's end (send, receive, listener) and the engine's end ({@link #deliver}).
 * A message is handed to the listener if one is set, otherwise queued; the engine marks a message delivered
 * (for de-duplication) only when {@link #deliver} returns true, as libknet does after writing to the datafd.
 */
public final class DataChannelImpl implements DataChannel {
    /** Messages a channel holds before it refuses more (libknet: the socketpair's buffer). */
    public static final int DEFAULT_CAPACITY = 16384;
    /**
     * Bytes of messages a channel holds before it refuses more: libknet's datafd socketpair buffer (8 MiB). Without
     * it a slow reader of 64 KiB messages let the queue grow to 16384 of them, 1 GiB.
     */
    public static final int DEFAULT_BYTES = 8 * 1024 * 1024;

    /** The engine side a channel calls back into. */
    public interface Owner {
        void send(int channel, ByteBuffer message) throws KnetException;

        void sendSync(int channel, ByteBuffer message) throws KnetException;

        void closed(DataChannelImpl channel);
    }

    private final int channel;
    private final Owner owner;
    private final EntryBuffers buffers;
    private final ChannelQueue queue;
    private volatile MessageListener listener;
    private volatile boolean open = true;

    public DataChannelImpl(int channel, Owner owner, EntryBuffers buffers, int capacity) {
        this.channel = channel;
        this.owner = owner;
        this.buffers = buffers;
        this.queue = new ChannelQueue(capacity, DEFAULT_BYTES, buffers);
    }

    @Override
    public int channel() {
        return channel;
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void send(ByteBuffer message) throws KnetException {
        checkOpen();
        owner.send(channel, message);
    }

    @Override
    public void send(byte[] data, int offset, int length) throws KnetException {
        if (data == null || offset < 0 || length < 0 || offset + length > data.length) {
            throw new KnetException(KnetError.EINVAL, "bad array slice: offset " + offset + " length " + length);
        }
        send(ByteBuffer.wrap(data, offset, length));
    }

    @Override
    public void sendSync(ByteBuffer message) throws KnetException {
        checkOpen();
        owner.sendSync(channel, message);
    }

    @Override
    public int receive(ByteBuffer buffer, Duration timeout) throws KnetException, InterruptedException {
        checkOpen();
        if (listener != null) {
            throw new KnetException(KnetError.EINVAL, "channel " + channel + " delivers to a listener");
        }
        ByteBuf taken = queue.pollIfFits(timeout.toNanos(), buffer.remaining(), 2);
        if (taken == null) {
            return -1;
        }
        try {
            int len = taken.readableBytes() - 2;
            int start = taken.readerIndex() + 2;
            // fill the caller's buffer from its position without a view object: limit it, copy, give the limit back
            int limit = buffer.limit();
            buffer.limit(buffer.position() + len);
            try {
                taken.getBytes(start, buffer); // advances the position by len
            } finally {
                buffer.limit(limit);
            }
            return len;
        } finally {
            buffers.release(taken);
        }
    }

    @Override
    public Message receive(Duration timeout) throws KnetException, InterruptedException {
        checkOpen();
        if (listener != null) {
            throw new KnetException(KnetError.EINVAL, "channel " + channel + " delivers to a listener");
        }
        ByteBuf taken = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (taken == null) {
            return null;
        }
        try {
            int src = taken.getUnsignedShort(taken.readerIndex());
            byte[] data = new byte[taken.readableBytes() - 2];
            taken.getBytes(taken.readerIndex() + 2, data);
            return new Message(src, channel, data);
        } finally {
            buffers.release(taken);
        }
    }

    @Override
    public void setListener(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    /**
     * Hand one message (position to limit of {@code data}) to the user. Called on a receive thread.
     *
     * @param views the calling thread's read-only views, for a listener
     * @return false if the user could not take it (queue full, listener threw, channel closed)
     */
    public boolean deliver(int sourceHostId, ByteBuffer data, ReadOnlySlices views) {
        if (!open) {
            return false;
        }
        MessageListener l = listener;
        if (l != null) {
            try {
                l.onMessage(channel, sourceHostId, views.of(data));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
        ByteBuf entry = buffers.allocate(2 + data.remaining());
        entry.writeShort(sourceHostId);
        int pos = data.position();
        entry.writeBytes(data); // advances data's position: give it back (no view object per message)
        data.position(pos);
        if (!queue.offer(entry)) {
            buffers.release(entry);
            return false;
        }
        if (!open) {
            queue.drain(); // closed meanwhile: nobody will take it
        }
        return true;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            queue.drain();
            owner.closed(this);
        }
    }

    private void checkOpen() throws KnetException {
        if (!open) {
            throw new KnetException(KnetError.EINVAL, "channel " + channel + " is closed");
        }
    }
}
