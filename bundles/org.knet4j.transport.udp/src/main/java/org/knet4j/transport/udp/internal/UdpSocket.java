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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.knet4j.spi.transport.TransportSocket;

/**
 * One bound UDP socket.
 *
 * <p>A datagram sent from a thread other than the event loop, while nothing is queued for the loop, goes straight
 * out with one {@code sendto(2)} on the socket ({@link DirectSend}, native epoll only): no copy into a Netty
 * buffer, no packet object, no event-loop wake-up, so a lone message or a ping pays one system call and no thread
 * hop (libknet's TX thread also writes itself). When the socket's send buffer is full, or something is already
 * queued (keeping order with it), the datagram takes the queued path below.
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
    /** Null when the channel is not native epoll, or direct sends are turned off ({@link #DIRECT_PROPERTY}). */
    private final DirectSend direct;
    /** Direct sends under way, and the flag that stops new ones: close() waits for the count to reach 0. */
    private final AtomicInteger directInFlight = new AtomicInteger();
    private volatile boolean closing;
    private final ReusedReadBuffer readBuffer;
    /** Per sending thread, for a datagram given in two parts or in a heap buffer. */
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_PAYLOAD_V4));
    /** System property: {@code false} sends every datagram through the event loop (for comparison). */
    static final String DIRECT_PROPERTY = "knet4j.udp.directSend";

    UdpSocket(Channel channel, InboundHandler handler, long highWater) {
        this(channel, handler, highWater, null);
    }

    /** @param readBuffer the socket's kept read buffer, given back on close (null: none) */
    UdpSocket(Channel channel, InboundHandler handler, long highWater, ReusedReadBuffer readBuffer) {
        this.readBuffer = readBuffer;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.handler = handler;
        this.local = (InetSocketAddress) channel.localAddress();
        this.maxPayload = local.getAddress() instanceof Inet4Address ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        this.alloc = channel.alloc();
        this.highWater = highWater;
        this.direct = Boolean.parseBoolean(System.getProperty(DIRECT_PROPERTY, "true"))
                ? EpollSupport.directSend(channel) : null;
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
        if (sentDirect(head, body, destination)) {
            return true;
        }
        ByteBuf buf = alloc.directBuffer(len);
        copyInto(buf, head);
        copyInto(buf, body);
        enqueue(buf, len, destination);
        return true;
    }

    @Override
    public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
        int len = packet.remaining();
        if (!admit(len)) {
            return false;
        }
        if (sentDirect(packet, null, destination)) {
            return true;
        }
        ByteBuf buf = alloc.directBuffer(len);
        copyInto(buf, packet);
        enqueue(buf, len, destination);
        return true;
    }

    /**
     * Send {@code a} (then {@code b}, if given) with one system call from this thread, if that is allowed now.
     *
     * @return true if the datagram is dealt with (sent, or lost to a send error, which is reported); false if the
     *         caller must queue it
     */
    private boolean sentDirect(ByteBuffer a, ByteBuffer b, InetSocketAddress destination) {
        if (direct == null || !pending.isEmpty() || loop.inEventLoop()) {
            return false;
        }
        directInFlight.incrementAndGet();
        try {
            if (closing) {
                return false;
            }
            if (b != null && a.isDirect() && b.isDirect()) {
                return direct.send(a, b, destination) > 0; // gathered by the kernel: no joining copy
            }
            ByteBuffer out;
            if (b == null && a.isDirect()) {
                out = a;
            } else {
                out = SCRATCH.get().clear();
                append(out, a);
                if (b != null) {
                    append(out, b);
                }
                out.flip();
            }
            return direct.send(out, out.position(), out.limit(), destination) > 0;
        } catch (IOException e) {
            handler.reportError(e); // as a failed queued write would be reported: the datagram is lost
            return true;
        } finally {
            directInFlight.decrementAndGet();
        }
    }

    /** Append {@code src}'s bytes to {@code buf}, leaving {@code src} as it was (no view object per datagram). */
    private static void copyInto(ByteBuf buf, ByteBuffer src) {
        int pos = src.position();
        buf.writeBytes(src);
        src.position(pos);
    }

    /** Append {@code src}'s bytes to {@code out}, leaving {@code src} as it was. */
    private static void append(ByteBuffer out, ByteBuffer src) {
        int n = src.remaining();
        out.put(out.position(), src, src.position(), n).position(out.position() + n);
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
        if (urgent.isEmpty() && sentDirect(packet, null, destination)) {
            return true; // straight out: ahead of any queued data, as an urgent datagram must be
        }
        ByteBuf buf = alloc.directBuffer(len);
        copyInto(buf, packet);
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
        closing = true;
        // a direct send holds the socket's file descriptor: let those under way finish before it is closed (and
        // its number possibly reused), bounded in case a sender thread is descheduled for long
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (directInFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
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
        if (readBuffer != null) {
            readBuffer.close(); // the channel is closed: no read will take it again
        }
    }
}
