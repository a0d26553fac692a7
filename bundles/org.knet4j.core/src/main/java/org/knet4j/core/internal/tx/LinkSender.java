package org.knet4j.core.internal.tx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.stats.HandleCounters;
import org.knet4j.core.internal.stats.LinkCounters;
import org.knet4j.core.internal.transport.SharedSocket;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * Puts one plaintext knet packet on one link: encrypts it with the sending slot (WIRE.md §7: every packet type is
 * encrypted on its own) and hands it to the link's socket. One instance per thread: it owns the scratch buffer the
 * ciphertext is written to, so sending allocates nothing.
 */
public final class LinkSender {
    /** What happened to one datagram. */
    public enum Outcome { SENT, BUSY, CRYPTO_FAILED, NO_ROUTE, ERROR }

    private final HandleContext ctx;
    private final ByteBuffer wire = ByteBuffer.allocateDirect(65536 + 1024);

    public LinkSender(HandleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Send {@code plain} (position to limit, left unchanged) on {@code link}; counts the packet in
     * {@code packetsCounter}/{@code bytesCounter} of the link's counters on success and {@code errorsCounter} on a
     * transport error. Does not flush.
     */
    public Outcome send(Link link, ByteBuffer plain, int packetsCounter, int bytesCounter, int errorsCounter) {
        return send(link, plain, packetsCounter, bytesCounter, errorsCounter, false);
    }

    /**
     * A DATA fragment as its header and a slice of the message, in clear: handed to the transport without joining
     * them first (one copy less per fragment). Only for clear traffic; with a sending slot use {@link #send}.
     */
    public Outcome sendClearData(Link link, ByteBuffer header, ByteBuffer body) {
        SharedSocket s = link.socket();
        InetSocketAddress dst = link.destination();
        if (s == null || dst == null) {
            return Outcome.NO_ROUTE;
        }
        if (ctx.crypto.txEncrypts()) {
            return Outcome.CRYPTO_FAILED; // never send in clear what should be encrypted
        }
        int len = header.remaining() + body.remaining();
        int hpos = header.position();
        int bpos = body.position();
        int blim = body.limit();
        try {
            if (!s.socket().send(header, body, dst)) {
                return Outcome.BUSY;
            }
        } catch (IOException e) {
            link.counters().inc(LinkCounters.TX_DATA_ERRORS);
            ctx.log.debug(LogSubsystem.TX, "send on host %d link %d failed: %s", link.hostId(), link.linkId(), e);
            return Outcome.ERROR;
        } finally {
            // a transport may consume what it is given; the caller resends the same windows on BUSY
            header.position(hpos);
            body.limit(blim).position(bpos);
        }
        link.counters().inc(LinkCounters.TX_DATA_PACKETS);
        link.counters().add(LinkCounters.TX_DATA_BYTES, len);
        return Outcome.SENT;
    }

    private Outcome send(Link link, ByteBuffer plain, int packetsCounter, int bytesCounter, int errorsCounter,
            boolean urgent) {
        SharedSocket s = link.socket();
        InetSocketAddress dst = link.destination();
        if (s == null || dst == null) {
            return Outcome.NO_ROUTE;
        }
        ByteBuffer out = plain;
        CryptoEngine engine = ctx.crypto.txEngine();
        if (engine == null && ctx.crypto.txEncrypts()) {
            return Outcome.CRYPTO_FAILED; // the slot's provider is gone: never fall back to clear
        }
        if (engine != null) {
            long t0 = System.nanoTime();
            wire.clear();
            int ppos = plain.position();
            int plim = plain.limit();
            int n;
            try {
                n = engine.encrypt(plain, wire);
            } finally {
                plain.limit(plim).position(ppos); // the plugin may have read it: put its window back
            }
            if (n < 0) {
                return Outcome.CRYPTO_FAILED;
            }
            long dt = System.nanoTime() - t0;
            HandleCounters c = ctx.counters;
            c.inc(HandleCounters.TX_CRYPT);
            c.add(HandleCounters.TX_CRYPT_OVERHEAD, n - plain.remaining());
            c.add(HandleCounters.TX_CRYPT_TIME_TOTAL, dt);
            c.min(HandleCounters.TX_CRYPT_TIME_MIN, dt);
            c.max(HandleCounters.TX_CRYPT_TIME_MAX, dt);
            wire.flip();
            out = wire;
        }
        int len = out.remaining();
        int opos = out.position();
        int olim = out.limit();
        try {
            boolean queued = urgent ? s.socket().sendUrgent(out, dst) : s.socket().send(out, dst);
            if (!queued) {
                return Outcome.BUSY;
            }
        } catch (IOException e) {
            link.counters().inc(errorsCounter);
            ctx.log.debug(LogSubsystem.TX, "send on host %d link %d failed: %s", link.hostId(), link.linkId(), e);
            return Outcome.ERROR;
        } finally {
            out.limit(olim).position(opos); // a transport may have consumed it; the caller resends it on BUSY
        }
        link.counters().inc(packetsCounter);
        link.counters().add(bytesCounter, len);
        return Outcome.SENT;
    }

    /** Send at once, ahead of queued data: for single service packets (ping, pong, PMTUd). */
    public Outcome sendNow(Link link, ByteBuffer plain, int packetsCounter, int bytesCounter, int errorsCounter) {
        return send(link, plain, packetsCounter, bytesCounter, errorsCounter, true);
    }
}
