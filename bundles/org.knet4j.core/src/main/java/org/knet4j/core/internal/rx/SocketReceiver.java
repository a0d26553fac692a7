package org.knet4j.core.internal.rx;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.Direction;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetError;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.channel.DataChannelImpl;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.heartbeat.LinkHeartbeat;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.host.HostRxState;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.KnetPacket;
import org.knet4j.core.internal.onwire.PacketValidator;
import org.knet4j.core.internal.onwire.PingPacket;
import org.knet4j.core.internal.onwire.PmtudPacket;
import org.knet4j.core.internal.pmtud.PmtudProber;
import org.knet4j.core.internal.stats.HandleCounters;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.tx.FilterRequestImpl;
import org.knet4j.core.internal.tx.LinkSender;
import org.knet4j.core.internal.util.ReadOnlySlices;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.transport.PacketReceiver;

/**
 * The receive path of one socket (WIRE.md §5): decrypt, validate, find host and link, check the access list,
 * then PING → PONG, PONG → link timing, PMTUD → reply, DATA → dedup → defrag → decompress → filter → channel.
 *
 * <p>One instance per socket, called by its I/O thread one datagram at a time: it owns its scratch buffers, so a
 * packet costs no allocation. Every malformed or refused packet is counted and dropped; nothing is thrown back
 * into the transport.
 */
public final class SocketReceiver implements PacketReceiver {
    private final HandleContext ctx;
    private final LinkHeartbeat heartbeat;
    private final LinkSender sender;
    private final FilterRequestImpl request = new FilterRequestImpl();
    /** The filter's and the listener's views of a message (one call at a time on this socket's thread). */
    private final ReadOnlySlices views = new ReadOnlySlices();
    private final ByteBuffer plain = ByteBuffer.allocateDirect(65536 + 1024);
    private final ByteBuffer reply = ByteBuffer.allocateDirect(64);
    private final ByteBuffer decompressed = ByteBuffer.allocateDirect(65536);
    /** The source address the socket was asked for: the links configured with it are the ones it serves. */
    private final InetSocketAddress bound;
    /** Compress ids this receiver has warned about (one datagram at a time, so no lock). */
    private final boolean[] warnedNoDecompressor = new boolean[256];
    /** The links on this socket and the link layout they were derived from (one I/O thread: no lock). */
    private Link[] socketLinksCache = new Link[0];
    private int socketLinksLayout = -1;

    public SocketReceiver(HandleContext ctx, LinkHeartbeat heartbeat, InetSocketAddress bound) {
        this.ctx = ctx;
        this.heartbeat = heartbeat;
        this.sender = new LinkSender(ctx);
        this.bound = bound;
    }

    @Override
    public void onPacket(ByteBuffer datagram, InetSocketAddress source) {
        try {
            receive(datagram, source);
        } catch (RuntimeException e) {
            // a packet we could not make sense of must never stop the node
            ctx.counters.inc(HandleCounters.RX_MALFORMED);
            ctx.log.debug(LogSubsystem.RX, "packet from %s dropped: %s", source, e);
        }
    }

    @Override
    public void onError(InetSocketAddress peer, Throwable error) {
        ctx.log.debug(LogSubsystem.TRANSPORT, "socket error for %s: %s", peer, error);
    }

    private void receive(ByteBuffer datagram, InetSocketAddress source) {
        if (ctx.accessLists && !anyLinkAccepts(source.getAddress())) {
            refused(source);
            return;
        }
        ByteBuffer pkt = decrypt(datagram);
        if (pkt == null) {
            return;
        }
        int base = pkt.position();
        int len = pkt.remaining();
        PacketValidator.Verdict v = PacketValidator.check(pkt, base, len);
        if (v != PacketValidator.Verdict.OK) {
            ctx.counters.inc(v == PacketValidator.Verdict.BAD_VERSION ? HandleCounters.RX_BAD_VERSION
                    : v == PacketValidator.Verdict.BAD_FRAGMENT ? HandleCounters.RX_BAD_FRAGMENT
                    : HandleCounters.RX_MALFORMED);
            return;
        }
        Host host = ctx.hosts.get(KnetPacket.nodeId(pkt, base));
        if (host == null) {
            ctx.counters.inc(HandleCounters.RX_UNKNOWN_HOST);
            return;
        }
        int type = KnetPacket.type(pkt, base);
        if (type == KnetPacket.TYPE_DATA) {
            receiveData(host, pkt, base, len, source);
        } else {
            receiveService(host, type, pkt, base, len, source);
        }
    }

    /**
     * The access-list check done before any decryption or parsing (CVE-2026-15812): the source must be accepted
     * by the list of at least one link on this socket. The link is only known after decryption, so the per-link
     * check follows once the header is read; this one keeps a refused sender from costing a decryption.
     */
    private boolean anyLinkAccepts(InetAddress ip) {
        Link[] links = socketLinks();
        for (Link l : links) {
            if (l.acl().accepts(ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The links configured on this socket, re-derived only when the handle's link layout changed: the per-packet
     * check then walks a few links, not every host's eight slots.
     */
    private Link[] socketLinks() {
        int layout = ctx.linkLayout();
        if (layout != socketLinksLayout) {
            List<Link> found = new ArrayList<>();
            for (Host h : ctx.hosts.all()) {
                for (int id = 0; id < 8; id++) {
                    Link l = h.link(id);
                    if (l != null && !l.isLoopback() && bound.equals(l.config().source())) {
                        found.add(l);
                    }
                }
            }
            socketLinksCache = found.toArray(new Link[0]);
            socketLinksLayout = layout;
        }
        return socketLinksCache;
    }

    private void refused(InetSocketAddress source) {
        ctx.counters.inc(HandleCounters.RX_ACL_REFUSED);
        ctx.log.debug(LogSubsystem.RX, "packet from %s refused by the access lists", source);
    }

    /** WIRE.md §7: decrypt with any configured slot, or take the packet as clear if that is allowed. */
    private ByteBuffer decrypt(ByteBuffer datagram) {
        if (!ctx.crypto.anyConfigured()) {
            if (!ctx.crypto.rxAllowClear()) {
                ctx.counters.inc(HandleCounters.RX_CRYPT_FAILED);
                return null;
            }
            return datagram;
        }
        long t0 = System.nanoTime();
        plain.clear();
        // the datagram is this call's to use: hand it over as it is (no view object per packet) and put its
        // window back afterwards, whatever the plugin did with it
        int dpos = datagram.position();
        int dlim = datagram.limit();
        int n = ctx.crypto.decrypt(datagram, plain);
        datagram.limit(dlim).position(dpos);
        if (n < 0) {
            if (ctx.crypto.rxAllowClear()) {
                return datagram;
            }
            ctx.counters.inc(HandleCounters.RX_CRYPT_FAILED);
            return null;
        }
        long dt = System.nanoTime() - t0;
        HandleCounters c = ctx.counters;
        c.inc(HandleCounters.RX_CRYPT);
        c.add(HandleCounters.RX_CRYPT_TIME_TOTAL, dt);
        c.min(HandleCounters.RX_CRYPT_TIME_MIN, dt);
        c.max(HandleCounters.RX_CRYPT_TIME_MAX, dt);
        plain.flip();
        return plain;
    }

    /**
     * PING, PONG, PMTUD, PMTUD_REPLY. The link id must name a configured link of the sender and, for a static link,
     * the packet must come from that link's address (the link-id spoofing of CVE-2026-15812, which 1.25 allows).
     */
    private void receiveService(Host host, int type, ByteBuffer pkt, int base, int len, InetSocketAddress source) {
        int linkId = PingPacket.linkId(pkt, base);
        Link link = linkId < 8 ? host.link(linkId) : null;
        if (link == null || link.isLoopback()) {
            ctx.counters.inc(HandleCounters.RX_UNKNOWN_LINK);
            return;
        }
        InetAddress ip = source.getAddress();
        if (!link.isDynamic()) {
            InetSocketAddress dst = link.destination();
            if (dst == null || !dst.getAddress().equals(ip)) {
                ctx.counters.inc(HandleCounters.RX_UNKNOWN_LINK);
                link.counters().inc(LinkCounters.RX_DROPPED);
                return;
            }
        } else {
            if (ctx.accessLists && !link.acl().accepts(ip)) {
                refused(source);
                link.counters().inc(LinkCounters.RX_DROPPED);
                return;
            }
            if (!source.equals(link.destination())) {
                // WIRE.md §3: a dynamic link follows its peer. libknet 1.25 compares the IP only, so a peer that
                // rebinds to another port on the same IP would get its pongs at the old port; knet4j follows both.
                link.learnDestination(source);
                ctx.log.info(LogSubsystem.LINK, "host %d link %d learned address %s", host.id(), linkId, source);
            }
        }
        host.setOnwireVersion(KnetPacket.version(pkt, base));
        switch (type) {
            case KnetPacket.TYPE_PING -> onPing(host, link, pkt, base, len);
            case KnetPacket.TYPE_PONG -> {
                link.counters().inc(LinkCounters.RX_PONG_PACKETS);
                link.counters().add(LinkCounters.RX_PONG_BYTES, len);
                heartbeat.onPong(host, link, PingPacket.timestampNanos(pkt, base), System.nanoTime());
            }
            case KnetPacket.TYPE_PMTUD -> onPmtud(link, pkt, base, len);
            case KnetPacket.TYPE_PMTUD_REPLY -> {
                link.counters().inc(LinkCounters.RX_PMTU_PACKETS);
                link.counters().add(LinkCounters.RX_PMTU_BYTES, len);
                PmtudProber.onReply(link, PmtudPacket.size(pkt, base));
            }
            default -> ctx.counters.inc(HandleCounters.RX_MALFORMED);
        }
    }

    private void onPing(Host host, Link link, ByteBuffer pkt, int base, int len) {
        link.counters().inc(LinkCounters.RX_PING_PACKETS);
        link.counters().add(LinkCounters.RX_PING_BYTES, len);
        int seq = PingPacket.seq(pkt, base);
        HostRxState rx = host.rx();
        synchronized (rx) {
            if (PingPacket.timed(pkt, base)) {
                rx.window().onTimedPing(seq);
            } else {
                rx.window().onUntimedPing(seq);
            }
        }
        // the pong goes to the link's configured (or learned) address, not the packet's source (WIRE.md §3)
        reply.clear();
        PingPacket.writePong(pkt, base, reply, ctx.hostId);
        reply.flip();
        sender.sendNow(link, reply, LinkCounters.TX_PONG_PACKETS, LinkCounters.TX_PONG_BYTES,
                LinkCounters.TX_PONG_ERRORS);
    }

    private void onPmtud(Link link, ByteBuffer pkt, int base, int len) {
        link.counters().inc(LinkCounters.RX_PMTU_PACKETS);
        link.counters().add(LinkCounters.RX_PMTU_BYTES, len);
        reply.clear();
        PmtudPacket.writeReply(pkt, base, reply, ctx.hostId);
        reply.flip();
        sender.sendNow(link, reply, LinkCounters.TX_PMTU_PACKETS, LinkCounters.TX_PMTU_BYTES,
                LinkCounters.TX_PMTU_ERRORS);
    }

    /** DATA (WIRE.md §5, in libknet's order). */
    private void receiveData(Host host, ByteBuffer pkt, int base, int len, InetSocketAddress source) {
        InetAddress ip = source.getAddress();
        Link link = null;
        for (int id = 0; id < 8 && link == null; id++) {
            Link l = host.link(id);
            if (l != null && l.destination() != null && l.destination().getAddress().equals(ip)) {
                link = l;
            }
        }
        if (link == null) {
            ctx.counters.inc(HandleCounters.RX_UNKNOWN_LINK);
            return;
        }
        if (ctx.accessLists && link.isDynamic() && !link.acl().accepts(ip)) {
            refused(source);
            link.counters().inc(LinkCounters.RX_DROPPED);
            return;
        }
        link.counters().inc(LinkCounters.RX_DATA_PACKETS);
        link.counters().add(LinkCounters.RX_DATA_BYTES, len);
        if (!host.reachable()) {
            ctx.counters.inc(HandleCounters.RX_UNREACHABLE_HOST);
            return;
        }
        int seq = DataHeader.seq(pkt, base);
        int fragNum = DataHeader.fragNum(pkt, base);
        int fragSeq = DataHeader.fragSeq(pkt, base);
        int compress = DataHeader.compress(pkt, base);
        int channel = DataHeader.channel(pkt, base);
        // the packet is this call's to use: its window becomes the payload's (no view object per packet)
        ByteBuffer payload = pkt;
        payload.limit(base + len).position(base + DataHeader.SIZE);
        HostRxState rx = host.rx();
        synchronized (rx) {
            SeqWindow window = rx.window();
            window.onDataSeen();
            if (!window.accept(seq)) {
                ctx.counters.inc(HandleCounters.RX_DUPLICATE);
                return;
            }
            ByteBuffer message = payload;
            if (fragNum > 1) {
                Defragmenter.Result r = rx.defrag().offer(seq, fragNum, fragSeq, payload);
                if (r == Defragmenter.Result.NEED_MORE) {
                    return;
                }
                if (r != Defragmenter.Result.COMPLETE) {
                    ctx.counters.inc(r.isMalformed() ? HandleCounters.RX_BAD_FRAGMENT : HandleCounters.RX_DUPLICATE);
                    return;
                }
                message = rx.defrag().completedMessage();
            }
            try {
                deliver(host, window, seq, compress, channel, message);
            } finally {
                if (fragNum > 1) {
                    rx.defrag().releaseCompleted();
                }
            }
        }
    }

    private void deliver(Host host, SeqWindow window, int seq, int compress, int channel, ByteBuffer message) {
        if (compress != 0) {
            message = decompress(compress, message);
            if (message == null) {
                return;
            }
        }
        if (!ctx.forwarding) {
            ctx.counters.inc(HandleCounters.RX_FILTERED);
            return; // libknet: dropped without marking the seq
        }
        DestinationFilter filter = ctx.filter;
        if (filter != null) {
            request.reset(Direction.RX, ctx.hostId, host.id(), channel);
            FilterVerdict verdict;
            try {
                verdict = filter.filter(views.of(message), request);
            } catch (RuntimeException e) {
                verdict = FilterVerdict.DROP;
            }
            if (verdict == null || verdict == FilterVerdict.DROP
                    || (verdict == FilterVerdict.UNICAST && !request.contains(ctx.hostId))) {
                ctx.counters.inc(HandleCounters.RX_FILTERED);
                return;
            }
            channel = request.channel();
        }
        DataChannelImpl ch = channel >= 0 && channel < 32 ? ctx.channels.get(channel) : null;
        if (ch == null) {
            ctx.counters.inc(HandleCounters.RX_NO_CHANNEL);
            return;
        }
        if (ch.deliver(host.id(), message, views)) {
            window.markDelivered(seq);
        } else {
            ctx.counters.inc(HandleCounters.RX_NO_CHANNEL);
            ctx.channelError(channel, Direction.RX, KnetError.ENOBUFS,
                    "channel " + channel + " could not take a message from host " + host.id());
        }
    }

    private ByteBuffer decompress(int id, ByteBuffer message) {
        Compressor c = ctx.plugins.compressorById(id);
        if (c == null) {
            ctx.counters.inc(HandleCounters.RX_DECOMPRESS_FAILED);
            // the id comes off the network: warn once per id, or any sender could flood the log (the counter
            // above still sees every packet)
            if (!warnedNoDecompressor[id & 0xFF]) {
                warnedNoDecompressor[id & 0xFF] = true;
                ctx.log.warn(LogSubsystem.COMPRESS, "no decompressor for model id %d: message dropped (logged once)",
                        id);
            } else {
                ctx.log.debug(LogSubsystem.COMPRESS, "no decompressor for model id %d: message dropped", id);
            }
            return null;
        }
        long t0 = System.nanoTime();
        decompressed.clear();
        int inLen = message.remaining();
        int n;
        int mpos = message.position();
        int mlim = message.limit();
        try {
            n = c.decompress(message, decompressed);
        } catch (RuntimeException e) {
            n = -1;
        } finally {
            message.limit(mlim).position(mpos);
        }
        if (n <= 0) {
            ctx.counters.inc(HandleCounters.RX_DECOMPRESS_FAILED);
            return null;
        }
        long dt = System.nanoTime() - t0;
        HandleCounters hc = ctx.counters;
        hc.inc(HandleCounters.RX_COMPRESSED);
        hc.add(HandleCounters.RX_COMPRESSED_ORIG_BYTES, n);
        hc.add(HandleCounters.RX_COMPRESSED_SIZE_BYTES, inLen);
        hc.add(HandleCounters.RX_COMPRESS_TIME_TOTAL, dt);
        hc.min(HandleCounters.RX_COMPRESS_TIME_MIN, dt);
        hc.max(HandleCounters.RX_COMPRESS_TIME_MAX, dt);
        decompressed.flip();
        return decompressed;
    }
}
