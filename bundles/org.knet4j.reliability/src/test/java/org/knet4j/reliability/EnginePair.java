package org.knet4j.reliability;

import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.HandleStats;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkStats;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;
import org.knet4j.api.Message;
import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.crypto.jce.internal.JceCryptoProvider;
import org.knet4j.spi.compress.Compressor;

/**
 * The real engine twice (host 1 = A, the legitimate sender; host 2 = B, the receiver under attack) over core's
 * in-memory transport, linked on link 0 between {@link #ADDR_A} and {@link #ADDR_B}, channel 0 open on both.
 *
 * <p>Three things make the receive path observable from outside:
 * <ul>
 *   <li>buffers come from an allocator of our own, pooled but without thread caches, so its arena metrics count
 *       exactly the buffers still held ({@link #liveBuffers()}): a channel entry that is never released shows;</li>
 *   <li>every handle logs its RX subsystem at DEBUG to a listener here: the only RX message is the receive path's last-resort
 *       catch ("packet from … dropped: &lt;exception&gt;"), which a correct receiver never reaches, so every one is a
 *       bug ({@link #escapedExceptions()});</li>
 *   <li>{@link #inject} puts a datagram into B's socket as if it came from A's address, and {@link #sync} waits
 *       until the transport's single delivery thread has handled it.</li>
 * </ul>
 */
final class EnginePair implements AutoCloseable {
    static final InetSocketAddress ADDR_A = new InetSocketAddress("127.0.0.1", 7001);
    static final InetSocketAddress ADDR_B = new InetSocketAddress("127.0.0.1", 7002);
    static final PingTimers FAST = new PingTimers(50, 1000, 2048);
    /** The fuzzing key: fixed, so checked-in encrypted seeds stay valid. */
    static final byte[] KEY = key();
    static final String CIPHER = "aes256";
    static final String HASH = "sha256";

    final MemoryTransport transport = new MemoryTransport();
    final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true, 1, 1, 8192, 9, 0, 0, false);
    final KnetImpl knet = new KnetImpl(alloc);
    final JceCryptoProvider crypto = new JceCryptoProvider();
    final KnetHandle a;
    final KnetHandle b;
    final DataChannel chA;
    final DataChannel chB;
    private final List<String> escaped = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicLong nonce = new AtomicLong();

    private EnginePair(boolean encrypted) throws Exception {
        knet.plugins().addTransport(transport);
        knet.plugins().addCrypto(crypto);
        // any compression plugin on the test class path: the receive path then really decompresses what the
        // compress byte names (without one, such DATA is counted as a decompression failure)
        for (Compressor c : ServiceLoader.load(Compressor.class)) {
            knet.plugins().addCompressor(c);
        }
        a = newHandle(1);
        b = newHandle(2);
        if (encrypted) {
            a.crypto(cryptoConfig());
            b.crypto(cryptoConfig());
        }
        link(a, 2, 0, ADDR_A, ADDR_B);
        link(b, 1, 0, ADDR_B, ADDR_A);
        chA = open(a, 2);
        chB = open(b, 1);
        awaitReachable(a, 2);
        awaitReachable(b, 1);
    }

    /**
     * A handle on this engine whose receive path reports last-resort catches to {@link #escapedExceptions()}, with a
     * sock-notify listener installed (channels can be opened).
     */
    KnetHandle newHandle(int id) throws KnetException {
        KnetHandle h = knet.newHandle(HandleOptions.of(id).withLog((s, level, text) -> {
            if (s == LogSubsystem.RX && text.contains(" dropped: ")) {
                escaped.add(text);
            } else if (level == LogLevel.WARN || level == LogLevel.ERROR) {
                warnings.add(text);
            }
        }, LogLevel.WARN));
        h.logSetLevel(LogSubsystem.RX, LogLevel.DEBUG);
        h.enableSockNotify((c, d, e, r) -> { });
        return h;
    }

    /** A and B without crypto, linked and reachable. */
    static EnginePair clear() throws Exception {
        return new EnginePair(false);
    }

    /** A and B with JCE aes256/sha256 on {@link #KEY} (clear traffic refused), linked and reachable. */
    static EnginePair encrypted() throws Exception {
        return new EnginePair(true);
    }

    static CryptoConfig cryptoConfig() {
        return new CryptoConfig(JceCryptoProvider.MODEL, CIPHER, HASH, KEY);
    }

    private static byte[] key() {
        byte[] k = new byte[256];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 31 + 7);
        }
        return k;
    }

    /** Give {@code h} link {@code linkId} to {@code peer} (added if new) from {@code src} to {@code dst}, enabled. */
    static void link(KnetHandle h, int peer, int linkId, InetSocketAddress src, InetSocketAddress dst)
            throws KnetException {
        if (!h.hostList().contains(peer)) {
            h.hostAdd(peer);
        }
        h.linkSetConfig(peer, linkId, LinkConfig.udp(src, dst));
        h.linkSetPingTimers(peer, linkId, FAST);
        h.linkSetPongCount(peer, linkId, 2);
        h.linkSetEnable(peer, linkId, true);
    }

    private static DataChannel open(KnetHandle h, int peer) throws KnetException {
        DataChannel ch = h.openChannel(0);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return ch;
    }

    static void awaitReachable(KnetHandle h, int peer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!h.hostGetStatus(peer).reachable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("host " + peer + " not reachable from " + h.hostId() + " within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Stop the background traffic between A and B once the link is up: pings every 60 s (pong timeout 10 min, so
     * the link stays up) and a fixed MTU (no PMTUd probes). Then every packet B counts is one a test injected or
     * one A sent on request, which makes per-packet accounting exact.
     */
    EnginePair quiet() throws Exception {
        PingTimers slow = new PingTimers(60_000, 600_000, 2048);
        a.linkSetPingTimers(2, 0, slow);
        b.linkSetPingTimers(1, 0, slow);
        a.pmtudSet(1500);
        b.pmtudSet(1500);
        Thread.sleep(100); // let pings and probes already in flight land
        sync();
        return this;
    }

    /**
     * Every packet B has counted so far: its drop counters (all reasons) plus what its link to A counted as received
     * or refused. Each datagram handed to B adds at least one.
     */
    long accounted() throws Exception {
        HandleStats s = b.getStats();
        LinkStats l = b.linkGetStatus(1, 0).stats();
        return s.rxMalformedPackets() + s.rxUnknownHostPackets() + s.rxBadVersionPackets()
                + s.rxUnknownLinkPackets() + s.rxUnreachableHostPackets() + s.rxDuplicatePackets()
                + s.rxBadFragmentPackets() + s.rxNoChannelPackets() + s.rxFilteredPackets()
                + s.rxCryptFailedPackets() + s.rxDecompressFailedPackets()
                + l.rxTotalPackets() + l.rxDroppedPackets();
    }

    /** Hand {@code datagram} to B's socket as if A's address had sent it. */
    void inject(byte[] datagram) {
        transport.inject(ADDR_A, ADDR_B, datagram);
    }

    /** Hand {@code datagram} to B's socket from any address. */
    void injectFrom(InetSocketAddress from, byte[] datagram) {
        transport.inject(from, ADDR_B, datagram);
    }

    /** Wait until every datagram handed to the transport so far has been handled. */
    void sync() throws Exception {
        transport.sync();
    }

    /** What reached the receive path's last-resort catch, as logged; empty for a correct receiver. */
    List<String> escapedExceptions() {
        return List.copyOf(escaped);
    }

    /** WARN and ERROR messages of the handles made here, oldest first. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Buffers taken from the engine's allocator and not yet released: every one of them should be a message
     * waiting in a channel queue (or a queued send).
     */
    long liveBuffers() {
        // less the big-message buffers each handle keeps for reuse (released when it is freed): those are not held
        return org.knet4j.reliability.fault.ResourceProbe.liveBuffers(alloc) - kept(a) - kept(b);
    }

    private static long kept(KnetHandle h) {
        return ((org.knet4j.core.internal.handle.KnetHandleImpl) h).buffersKeptForReuse();
    }

    /**
     * Prove that A's traffic still reaches B: A sends messages with a fresh nonce, one at a time, until B has one,
     * at most {@code attempts} of them. More than one may be needed, and that is not a fault of B: without crypto
     * (or with the key, as the encrypted fuzz target has) an injected DATA packet may claim one of A's coming seqs,
     * and B then rightly drops A's real message with that seq as a duplicate (WIRE.md §4.2). Everything else on B's
     * channel 0 (injected packets well-formed enough to be delivered) is taken and discarded, so the channel queue
     * is empty afterwards.
     *
     * @return how many of A's messages it took
     */
    int assertStillDelivers(int attempts) throws Exception {
        String tag = "legit-" + nonce.incrementAndGet() + "-";
        for (int i = 1; i <= attempts; i++) {
            a.sendSync(0, ByteBuffer.wrap((tag + i).getBytes(StandardCharsets.US_ASCII)));
            sync();
            boolean seen = false;
            Message m;
            while ((m = chB.receive(Duration.ZERO)) != null) {
                seen |= new String(m.data(), StandardCharsets.US_ASCII).startsWith(tag);
            }
            if (seen) {
                return i;
            }
        }
        throw new AssertionError("B delivered none of " + attempts + " messages from A (" + tag + "); stats "
                + b.getStats());
    }

    @Override
    public void close() {
        a.close();
        b.close();
        transport.shutdown();
    }
}
