package org.knet4j.core.internal.tx;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.Direction;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.channel.DataChannelImpl;
import org.knet4j.core.internal.compress.CompressState;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.PingPacket;
import org.knet4j.core.internal.stats.HandleCounters;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.transport.SharedSocket;
import org.knet4j.core.internal.util.ReadOnlySlices;
import org.knet4j.core.internal.util.ReusedDuplicate;

/**
 * The send path of one handle (WIRE.md §9): filter, loopback copy, compress, sequence number, fragment, encrypt,
 * and out on the links the host's policy picks. The queue thread and {@code sendSync} callers take turns through
 * one lock per handle, as libknet's TX mutex does, so fragments of one message leave back to back and sequence
 * numbers go out in order.
 */
public final class TxPipeline {
    /** How long a queued send waits for a busy socket before the packet is counted as lost. */
    private static final long ASYNC_BUSY_WAIT_NANOS = 1_000_000_000L;
    /** How long {@code sendSync} retries a busy socket before EAGAIN. */
    private static final long SYNC_BUSY_WAIT_NANOS = 20_000_000L;

    private final HandleContext ctx;
    private final TxSequence seq;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkSender sender;
    private final FilterRequestImpl request = new FilterRequestImpl();
    /** The filter's and a loopback listener's views of a message (used under the lock). */
    private final ReadOnlySlices views = new ReadOnlySlices();
    /** The message as the send path reads it, so plugins may move its window and the caller's never moves. */
    private final ReusedDuplicate payloads = new ReusedDuplicate();
    /** One fragment's window of the payload (the payload itself stays whole for the next host). */
    private final ReusedDuplicate fragments = new ReusedDuplicate();
    private final ByteBuffer packet = ByteBuffer.allocateDirect(65536 + 64);
    private final ByteBuffer compressed = ByteBuffer.allocateDirect(65536 + 4096);
    private final ByteBuffer ping = ByteBuffer.allocateDirect(PingPacket.SIZE);
    private final Link[] rrScratch = new Link[1];
    private final SharedSocket[] touched = new SharedSocket[16];
    private int touchedCount;

    public TxPipeline(HandleContext ctx, TxSequence seq) {
        this.ctx = ctx;
        this.seq = seq;
        this.sender = new LinkSender(ctx);
    }

    /**
     * Send one message (position to limit of {@code message}; not consumed).
     *
     * @param sync true for {@code knet_send_sync}: exactly one destination, every failure raised
     * @throws KnetException only when {@code sync}; a queued message that cannot go is counted and dropped
     */
    public void send(int channel, ByteBuffer message, boolean sync) throws KnetException {
        send(channel, message, sync, true);
    }

    /**
     * @param flush false lets the queue thread leave datagrams in the sockets' outbound buffers while more messages
     *              wait, so the transport can put several on the wire with one system call (sendmmsg); the caller
     *              must then call {@link #flush()} before it waits
     */
    public void send(int channel, ByteBuffer message, boolean sync, boolean flush) throws KnetException {
        lock.lock();
        sendAndUnlock(channel, message, sync, flush);
    }

    /** With the lock held: send, flush if asked (always for sync), and release the lock whatever happens. */
    private void sendAndUnlock(int channel, ByteBuffer message, boolean sync, boolean flush) throws KnetException {
        try {
            sendLocked(channel, message, sync);
        } finally {
            try {
                if (flush || sync) {
                    flushTouched();
                }
            } finally {
                lock.unlock(); // whatever a flush does: a lock left held would stop every later send
            }
        }
    }

    /**
     * Take the handle's TX lock if nobody holds it (the queue thread or a {@code sendSync} caller): for
     * {@link TxQueue}'s send from the caller's thread, which must never wait for the lock.
     */
    boolean tryLock() {
        return lock.tryLock();
    }

    /**
     * With the lock from {@link #tryLock()}: send a queued-style message (failures counted, never raised), flush,
     * and release the lock.
     */
    void sendHeldAndUnlock(int channel, ByteBuffer message) throws KnetException {
        sendAndUnlock(channel, message, false, true);
    }

    /** Release the lock from {@link #tryLock()} without sending. */
    void unlock() {
        lock.unlock();
    }

    /** Push every datagram left unflushed by {@code send(..., false)}. */
    public void flush() {
        lock.lock();
        try {
            flushTouched();
        } finally {
            lock.unlock();
        }
    }

    private void sendLocked(int channel, ByteBuffer message, boolean sync) throws KnetException {
        if (!ctx.forwarding) {
            if (sync) {
                throw new KnetException(KnetError.ECANCELED, "forwarding is disabled on handle " + ctx.hostId);
            }
            return;
        }
        DestinationFilter filter = ctx.filter;
        if (filter == null && sync) {
            throw new KnetException(KnetError.ENETDOWN, "sendSync needs a destination filter; none is installed");
        }
        FilterVerdict verdict = FilterVerdict.BROADCAST;
        request.reset(Direction.TX, ctx.hostId, ctx.hostId, channel);
        if (filter != null) {
            try {
                verdict = filter.filter(views.of(message), request);
            } catch (RuntimeException e) {
                ctx.log.warn(LogSubsystem.FILTER, "TX filter threw %s: message dropped", e);
                verdict = null;
            }
            if (verdict == null || verdict == FilterVerdict.DROP) {
                if (sync) {
                    throw new KnetException(KnetError.EFAULT, "the destination filter dropped the message");
                }
                return;
            }
            if (request.overflow()) {
                if (sync) {
                    throw new KnetException(KnetError.EINVAL, "the filter gave more than 65536 destinations");
                }
                return;
            }
            if (verdict == FilterVerdict.UNICAST && request.destinationCount() == 0) {
                if (sync) {
                    throw new KnetException(KnetError.EINVAL, "the filter said unicast but gave no destination");
                }
                return;
            }
            int outChannel = request.channel();
            if (outChannel < 0 || outChannel >= 32) {
                if (sync) {
                    throw new KnetException(KnetError.EINVAL, "the filter rewrote the channel to " + outChannel);
                }
                return;
            }
            channel = outChannel;
        }
        if (sync && (verdict == FilterVerdict.BROADCAST || request.destinationCount() > 1)) {
            throw new KnetException(KnetError.E2BIG, "sendSync goes to exactly one host; the filter gave "
                    + (verdict == FilterVerdict.BROADCAST ? "broadcast" : request.destinationCount() + " hosts"));
        }
        boolean broadcast = verdict == FilterVerdict.BROADCAST;

        // loopback: our own copy goes straight to our channel, no header, no seq (WIRE.md §9 step 4)
        boolean toSelf = ctx.loopback && (broadcast || request.contains(ctx.hostId));
        if (toSelf) {
            DataChannelImpl ch = ctx.channels.get(channel);
            // through our duplicate: delivering moves the window of what it copies, and the caller's never moves
            if (ch == null || !ch.deliver(ctx.hostId, payloads.of(message), views)) {
                ctx.counters.inc(HandleCounters.RX_NO_CHANNEL);
            }
            if (sync) {
                return; // the one destination was ourselves
            }
        }

        Host syncHost = null;
        if (sync) {
            int dst = request.destination(0);
            syncHost = ctx.hosts.get(dst);
            if (syncHost == null) {
                throw new KnetException(KnetError.ENOMSG, "destination host " + dst + " is not a host of this handle");
            }
            if (!syncHost.reachable()) {
                throw new KnetException(KnetError.EHOSTDOWN, "destination host " + dst + " is not reachable");
            }
        } else if (!anyDestination(broadcast)) {
            return; // libknet drops silently when nobody is reachable
        }

        // compress the whole message before fragmenting (WIRE.md §8)
        ByteBuffer payload = payloads.of(message);
        int compressId = 0;
        CompressState.Snapshot cs = ctx.compress.current();
        if (cs.compressor() != null) {
            if (payload.remaining() > cs.threshold()) {
                long t0 = System.nanoTime();
                compressed.clear();
                int n;
                int ppos = payload.position();
                int plim = payload.limit();
                try {
                    n = cs.compressor().compress(payload, compressed, cs.level());
                } catch (RuntimeException e) { // a plugin's bug must not lose the message: send it as it is
                    n = -1;
                } finally {
                    payload.limit(plim).position(ppos); // our own view: put back whatever the plugin moved
                }
                long dt = System.nanoTime() - t0;
                if (n > 0) {
                    // libknet 1.25 counts every successful compression as compressed, also one it then does not
                    // use because it did not shrink the message (which is also counted as uncompressed below)
                    HandleCounters c = ctx.counters;
                    c.inc(HandleCounters.TX_COMPRESSED);
                    c.add(HandleCounters.TX_COMPRESSED_ORIG_BYTES, payload.remaining());
                    c.add(HandleCounters.TX_COMPRESSED_SIZE_BYTES, n);
                    c.add(HandleCounters.TX_COMPRESS_TIME_TOTAL, dt);
                    c.min(HandleCounters.TX_COMPRESS_TIME_MIN, dt);
                    c.max(HandleCounters.TX_COMPRESS_TIME_MAX, dt);
                }
                if (n > 0 && n < payload.remaining()) {
                    compressed.flip();
                    payload = compressed;
                    compressId = cs.compressor().wireId();
                } else {
                    ctx.counters.inc(HandleCounters.TX_UNCOMPRESSED);
                }
            } else {
                ctx.counters.inc(HandleCounters.TX_UNCOMPRESSED);
            }
        }

        int s = seq.next();
        if (TxSequence.isForcedPingSeq(s)) {
            sendForcedPings(s);
        }

        int mtu = ctx.dataMtu;
        int fragNum = Fragmenter.fragmentCount(payload.remaining(), mtu);
        if (fragNum < 0) {
            if (sync) {
                throw new KnetException(KnetError.EINVAL, "message of " + message.remaining()
                        + " bytes needs more than 254 fragments at data MTU " + mtu);
            }
            return;
        }
        KnetError failure = null;
        if (sync) {
            failure = sendMessageToHost(syncHost, s, compressId, broadcast, channel, payload, mtu, fragNum, true);
        } else if (broadcast) {
            for (Host h : ctx.hosts.all()) {
                if (h.id() != ctx.hostId || !ctx.loopback) {
                    sendMessageToHost(h, s, compressId, true, channel, payload, mtu, fragNum, false);
                }
            }
        } else {
            for (int i = 0; i < request.destinationCount(); i++) {
                int id = request.destination(i);
                Host h = ctx.hosts.get(id);
                if (h != null && (id != ctx.hostId || !ctx.loopback)) {
                    sendMessageToHost(h, s, compressId, false, channel, payload, mtu, fragNum, false);
                }
            }
        }
        if (failure != null) {
            throw new KnetException(failure, switch (failure) {
                case EAGAIN -> "the transport could not take the packets to host " + syncHost.id();
                case ECHILD -> "encryption failed";
                default -> "host " + syncHost.id() + " has no usable link";
            });
        }
    }

    private boolean anyDestination(boolean broadcast) {
        if (broadcast) {
            for (Host h : ctx.hosts.all()) {
                if (h.reachable() && (h.id() != ctx.hostId || !ctx.loopback)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < request.destinationCount(); i++) {
            int id = request.destination(i);
            Host h = ctx.hosts.get(id);
            if (h != null && h.reachable() && (id != ctx.hostId || !ctx.loopback)) {
                return true;
            }
        }
        return false;
    }

    /**
     * All fragments of one message to one host, back to back on the links its policy picks (round-robin moves on
     * per message, never between fragments).
     *
     * @return null on success, or the error (sync callers raise it)
     */
    private KnetError sendMessageToHost(Host host, int s, int compressId, boolean broadcast, int channel,
            ByteBuffer payload, int mtu, int fragNum, boolean sync) {
        Link[] links = host.linksForNextMessage(rrScratch);
        if (links.length == 0) {
            return KnetError.EHOSTDOWN;
        }
        // in clear, a fragment goes out as its header plus its window of the message (no joining copy)
        boolean gather = !ctx.crypto.txEncrypts();
        int start = payload.position();
        int total = payload.remaining();
        KnetError result = null;
        for (int f = 1; f <= fragNum; f++) {
            ByteBuffer body = null;
            packet.clear();
            if (gather) {
                int len = Fragmenter.fragmentLength(total, mtu, f, fragNum);
                DataHeader.write(packet, 0, ctx.hostId, s, compressId, broadcast, fragNum, fragNum == 1 ? 0 : f,
                        channel);
                packet.limit(DataHeader.SIZE);
                int from = start + (f - 1) * mtu;
                body = fragments.of(payload);
                body.limit(from + len).position(from);
            } else {
                Fragmenter.writeFragment(packet, ctx.hostId, s, compressId, broadcast, channel, payload, mtu, f,
                        fragNum);
                packet.flip();
            }
            boolean sentOnAny = false;
            for (Link link : links) {
                if (link.isLoopback()) {
                    continue;
                }
                LinkSender.Outcome o = sendWithRetry(link, packet, body, sync);
                switch (o) {
                    case SENT -> {
                        touch(link.socket());
                        sentOnAny = true;
                    }
                    case CRYPTO_FAILED -> {
                        ctx.log.error(LogSubsystem.CRYPTO, "encryption failed for host %d", host.id());
                        return KnetError.ECHILD;
                    }
                    case BUSY -> result = KnetError.EAGAIN;
                    default -> {
                        if (result == null) {
                            result = KnetError.EHOSTDOWN;
                        }
                    }
                }
            }
            if (sentOnAny) {
                result = null;
            } else if (sync) {
                return result;
            }
        }
        return result;
    }

    /** @param body null: {@code fragment} is the whole packet; else {@code fragment} is its header */
    private LinkSender.Outcome sendWithRetry(Link link, ByteBuffer fragment, ByteBuffer body, boolean sync) {
        LinkSender.Outcome o = sendOnce(link, fragment, body);
        if (o != LinkSender.Outcome.BUSY) {
            return o;
        }
        // the socket's queue is full: push what we have and wait for it to drain (libknet sleeps and retries)
        long deadline = System.nanoTime() + (sync ? SYNC_BUSY_WAIT_NANOS : ASYNC_BUSY_WAIT_NANOS);
        SharedSocket s = link.socket();
        while (o == LinkSender.Outcome.BUSY && System.nanoTime() < deadline) {
            if (s != null) {
                s.socket().flush();
            }
            link.counters().inc(LinkCounters.TX_DATA_RETRIES);
            LockSupport.parkNanos(50_000);
            o = sendOnce(link, fragment, body);
        }
        if (o == LinkSender.Outcome.BUSY) {
            link.counters().inc(LinkCounters.TX_DATA_ERRORS);
        }
        return o;
    }

    private LinkSender.Outcome sendOnce(Link link, ByteBuffer fragment, ByteBuffer body) {
        return body != null ? sender.sendClearData(link, fragment, body)
                : sender.send(link, fragment, LinkCounters.TX_DATA_PACKETS, LinkCounters.TX_DATA_BYTES,
                        LinkCounters.TX_DATA_ERRORS);
    }

    /** WIRE.md §4.3: at every 8191st sequence number an untimed ping with it goes to every link of every host. */
    private void sendForcedPings(int s) {
        for (Host h : ctx.hosts.all()) {
            for (int id = 0; id < 8; id++) {
                Link link = h.link(id);
                if (link != null && link.enabled() && !link.isLoopback() && link.dynconnected()) {
                    ping.clear();
                    PingPacket.writePing(ping, ctx.hostId, id, System.nanoTime(), s, false);
                    ping.flip();
                    if (sender.send(link, ping, LinkCounters.TX_PING_PACKETS, LinkCounters.TX_PING_BYTES,
                            LinkCounters.TX_PING_ERRORS) == LinkSender.Outcome.SENT) {
                        touch(link.socket());
                    }
                }
            }
        }
    }

    private void touch(SharedSocket s) {
        if (s == null) {
            // another thread cleared the link after its packet went out: the socket is gone, nothing to flush
            return;
        }
        for (int i = 0; i < touchedCount; i++) {
            if (touched[i] == s) {
                return;
            }
        }
        if (touchedCount == touched.length) {
            flushTouched();
        }
        touched[touchedCount++] = s;
    }

    private void flushTouched() {
        int n = touchedCount;
        touchedCount = 0; // forgotten first, so a failing flush cannot leave stale entries for the next send
        for (int i = 0; i < n; i++) {
            SharedSocket s = touched[i];
            touched[i] = null;
            s.socket().flush();
        }
    }

    /** The largest message {@code send} takes. */
    public static int maxMessage() {
        return DataChannel.MAX_MESSAGE_SIZE;
    }
}
