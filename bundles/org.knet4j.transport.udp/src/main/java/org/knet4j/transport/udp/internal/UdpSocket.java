package org.knet4j.transport.udp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.knet4j.spi.transport.TransportSocket;

/**
 * One bound UDP socket.
 *
 * <p>{@link #send} copies the datagram into a pooled direct buffer and puts it on a lock-free queue; {@link #flush}
 * hands the whole queue to the event loop with one task, which writes everything and flushes once. So a burst from
 * the send thread costs one event-loop wake-up, and Netty's epoll transport puts several datagrams on the wire with
 * one sendmmsg. Write failures surface through the void promise as pipeline exceptions, which the
 * {@link InboundHandler} turns into {@code onError} (no listener object per packet).
 */
final class UdpSocket implements TransportSocket {
    /** Largest UDP payload: 65535 minus the IP (20 / 40) and UDP (8) headers. */
    static final int MAX_PAYLOAD_V4 = 65507;
    static final int MAX_PAYLOAD_V6 = 65487;

    private final Channel channel;
    private final EventLoop loop;
    private final InboundHandler handler;
    private final InetSocketAddress local;
    private final int maxPayload;
    private final ByteBufAllocator alloc;
    private final long highWater;
    private final Queue<DatagramPacket> pending = PlatformDependent.newMpscQueue();
    /** Control datagrams: written before any queued data at the next drain. */
    private final Queue<DatagramPacket> urgent = PlatformDependent.newMpscQueue();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    UdpSocket(Channel channel, InboundHandler handler, long highWater) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.handler = handler;
        this.local = (InetSocketAddress) channel.localAddress();
        this.maxPayload = local.getAddress() instanceof Inet4Address ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        this.alloc = channel.alloc();
        this.highWater = highWater;
    }

    /** The Netty channel (tests read its socket options). */
    Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean send(ByteBuffer head, ByteBuffer body, InetSocketAddress destination) throws IOException {
        int len = head.remaining() + body.remaining();
        if (!admit(len)) {
            return false;
        }
        ByteBuf buf = alloc.directBuffer(len);
        buf.writeBytes(head.duplicate());
        buf.writeBytes(body.duplicate());
        enqueue(buf, len, destination);
        return true;
    }

    @Override
    public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
        int len = packet.remaining();
        if (!admit(len)) {
            return false;
        }
        ByteBuf buf = alloc.directBuffer(len);
        buf.writeBytes(packet.duplicate());
        enqueue(buf, len, destination);
        return true;
    }

    /** Refuse what can never be sent; answer false (busy) while the backlog is full. */
    private boolean admit(int len) throws IOException {
        if (len > maxPayload) {
            throw new IOException("Message too long: " + len + " bytes > " + maxPayload);
        }
        if (!channel.isActive()) {
            throw new IOException("socket " + local + " is closed");
        }
        return isWritable();
    }

    private void enqueue(ByteBuf buf, int len, InetSocketAddress destination) {
        pendingBytes.addAndGet(len);
        pending.offer(new DatagramPacket(buf, destination));
    }

    @Override
    public boolean sendUrgent(ByteBuffer packet, InetSocketAddress destination) throws IOException {
        int len = packet.remaining();
        if (len > maxPayload) {
            throw new IOException("Message too long: " + len + " bytes > " + maxPayload);
        }
        if (!channel.isActive()) {
            throw new IOException("socket " + local + " is closed");
        }
        ByteBuf buf = alloc.directBuffer(len);
        buf.writeBytes(packet.duplicate());
        urgent.offer(new DatagramPacket(buf, destination));
        scheduleDrain();
        return true;
    }

    @Override
    public void flush() {
        if (!pending.isEmpty()) {
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            if (loop.inEventLoop()) {
                drain();
            } else {
                loop.execute(drainTask);
            }
        }
    }

    /** Datagrams one drain task writes before it lets the loop read again (reads must not starve). */
    static final int DRAIN_BATCH = 256;

    /** On the event loop: write up to a batch of queued datagrams, flush once, and come back for the rest. */
    private void drain() {
        drainScheduled.set(false);
        DatagramPacket p;
        boolean wrote = false;
        while ((p = urgent.poll()) != null) {
            if (channel.isActive()) {
                channel.write(p, channel.voidPromise());
                wrote = true;
            } else {
                p.release();
            }
        }
        int n = 0;
        while (n++ < DRAIN_BATCH && (p = pending.poll()) != null) {
            pendingBytes.addAndGet(-p.content().readableBytes());
            if (channel.isActive()) {
                channel.write(p, channel.voidPromise());
                wrote = true;
            } else {
                p.release();
            }
        }
        if (wrote) {
            channel.flush();
        }
        if (!pending.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask); // after the loop's next I/O pass
        }
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable() && pendingBytes.get() < highWater;
    }

    @Override
    public void close() {
        handler.close();
        channel.close().awaitUninterruptibly(2000);
        // whatever was still queued never reaches the wire: release it here
        if (loop.inEventLoop()) {
            releasePending();
        } else if (!loop.isShuttingDown()) {
            loop.submit(this::releasePending).awaitUninterruptibly(2000);
        } else {
            releasePending();
        }
    }

    private void releasePending() {
        DatagramPacket p;
        while ((p = pending.poll()) != null) {
            p.release();
        }
        while ((p = urgent.poll()) != null) {
            p.release();
        }
        pendingBytes.set(0);
    }
}
