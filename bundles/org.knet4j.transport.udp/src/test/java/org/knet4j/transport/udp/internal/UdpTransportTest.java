package org.knet4j.transport.udp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.TransportSocket;

/** The Netty UDP transport on its own: datagrams, batching, errors, back-pressure and shutdown. */
class UdpTransportTest {
    private final UdpTransport transport = new UdpTransport();

    @AfterEach
    void tearDown() {
        transport.close();
    }

    /** Collects what a socket receives (copies: the buffer is only valid during the call). */
    static final class Collector implements PacketReceiver {
        final List<byte[]> packets = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger throwOn = new AtomicInteger(-1);

        @Override
        public void onPacket(ByteBuffer packet, InetSocketAddress source) {
            byte[] b = new byte[packet.remaining()];
            packet.get(b);
            packets.add(b);
            if (packets.size() == throwOn.get()) {
                throw new IllegalStateException("receiver failure must not stop the socket");
            }
        }

        @Override
        public void onError(InetSocketAddress peer, Throwable error) {
            errors.add(error);
        }
    }

    private static InetSocketAddress any() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 1400, 65507})
    void datagramsArriveIntact(int size) throws Exception {
        Collector rx = new Collector();
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        assertThat(a.send(ByteBuffer.wrap(pattern(size)), b.localAddress())).isTrue();
        a.flush();
        await(() -> rx.packets.size() == 1);
        assertThat(rx.packets).hasSize(1);
        assertThat(rx.packets.get(0)).isEqualTo(pattern(size));
        a.close();
        b.close();
    }

    /**
     * The queued path (what a burst takes once anything is queued; forced here with direct sends off, since a
     * direct sender on this loaded box can outrun the receiver and the kernel then drops, as it would for libknet).
     */
    @Test
    void aQueuedBurstIsBatchedAndDelivered() throws Exception {
        Collector rx = new Collector();
        TransportSocket a;
        System.setProperty(UdpSocket.DIRECT_PROPERTY, "false");
        try {
            a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        } finally {
            System.clearProperty(UdpSocket.DIRECT_PROPERTY);
        }
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        int sent = 0;
        for (int i = 0; i < 5000; i++) {
            ByteBuffer m = ByteBuffer.allocate(200).putInt(0, i);
            while (!a.send(m, b.localAddress())) {
                a.flush();
                Thread.onSpinWait();
            }
            sent++;
            if (i % 32 == 31) {
                a.flush();
            }
        }
        a.flush();
        await(() -> rx.packets.size() >= 5000);
        assertThat(rx.packets.size()).isGreaterThanOrEqualTo(sent * 99 / 100); // loopback may drop a few
        a.close();
        b.close();
    }

    @Test
    void aReceiverThatThrowsDoesNotStopTheSocket() throws Exception {
        Collector rx = new Collector();
        rx.throwOn.set(1);
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        for (int i = 0; i < 3; i++) {
            a.sendUrgent(ByteBuffer.wrap(new byte[] {(byte) i}), b.localAddress());
            await(() -> !rx.packets.isEmpty());
        }
        await(() -> rx.packets.size() == 3);
        assertThat(rx.packets).hasSize(3);
        a.close();
        b.close();
    }

    @Test
    void oversizedDatagramsAndClosedSocketsAreRefused() throws Exception {
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        assertThatThrownBy(() -> a.send(ByteBuffer.allocate(65508), a.localAddress()))
                .isInstanceOf(IOException.class).hasMessageContaining("too long");
        a.close();
        assertThatThrownBy(() -> a.send(ByteBuffer.allocate(10), a.localAddress())).isInstanceOf(IOException.class);
    }

    @Test
    void bindingATakenAddressFails() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> transport.open(addr, SocketOptions.DEFAULT, new Collector()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void closingTheTransportStopsItsThreads() throws Exception {
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        assertThat(threads()).isPositive();
        a.close();
        transport.close();
        await(() -> threads() == 0);
        assertThat(threads()).isZero();
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] both = new byte[head.length + body.length];
        System.arraycopy(head, 0, both, 0, head.length);
        System.arraycopy(body, 0, both, head.length, body.length);
        return both;
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("knet4j-udp-")).count();
    }

    @Test
    void onEpollALoneDatagramGoesStraightOutWithoutWaitingForAFlush() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(transport.nativeEpoll(), "native epoll is not available here");
        Collector rx = new Collector();
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        byte[] head = pattern(24);
        byte[] body = pattern(1400);
        // two heap parts: gathered into the thread's scratch buffer and sent with one sendto, no flush called
        assertThat(a.send(ByteBuffer.wrap(head), ByteBuffer.wrap(body), b.localAddress())).isTrue();
        ByteBuffer direct = ByteBuffer.allocateDirect(100).put(pattern(100)).flip();
        assertThat(a.send(direct, b.localAddress())).isTrue();
        await(() -> rx.packets.size() == 2);
        assertThat(rx.packets).hasSize(2);
        assertThat(rx.packets.get(0)).isEqualTo(concat(head, body));
        assertThat(rx.packets.get(1)).isEqualTo(pattern(100));
        a.close();
        b.close();
    }

    @Test
    void twoDirectPartsAreGatheredByTheKernelFromTheirPositions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(transport.nativeEpoll(), "native epoll is not available here");
        Collector rx = new Collector();
        TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        byte[] head = pattern(24);
        byte[] body = pattern(60000);
        // both parts direct and not at position 0 (a fragment's header buffer and its slice of a message): the
        // iovecs must point at position, not at the buffer's start, and cover exactly the remaining bytes
        ByteBuffer h = ByteBuffer.allocateDirect(64).position(7);
        h.put(head).flip().position(7);
        ByteBuffer whole = ByteBuffer.allocateDirect(65536);
        whole.position(1000).put(body).flip().position(1000);
        ByteBuffer slice = whole.slice(1000, body.length);
        assertThat(a.send(h, slice, b.localAddress())).isTrue();
        assertThat(h.position()).isEqualTo(7);
        assertThat(slice.position()).isZero();
        await(() -> rx.packets.size() == 1);
        assertThat(rx.packets.get(0)).isEqualTo(concat(head, body));
        a.close();
        b.close();
    }

    @Test
    void socketsOfOneAffinityShareAnIoThread() throws Exception {
        SocketOptions h1 = new SocketOptions(SocketOptions.LIBKNET_BUFFER_BYTES, false, false, 1);
        SocketOptions h2 = new SocketOptions(SocketOptions.LIBKNET_BUFFER_BYTES, false, false, 2);
        UdpSocket a = (UdpSocket) transport.open(any(), h1, new Collector());
        UdpSocket b = (UdpSocket) transport.open(any(), h1, new Collector());
        UdpSocket c = (UdpSocket) transport.open(any(), h2, new Collector());
        try {
            assertThat(a.channel().eventLoop()).isSameAs(b.channel().eventLoop());
            if (Runtime.getRuntime().availableProcessors() >= 2) { // two I/O threads: the other handle's is apart
                assertThat(c.channel().eventLoop()).isNotSameAs(a.channel().eventLoop());
            }
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void withDirectSendsOffADatagramWaitsForTheFlush() throws Exception {
        System.setProperty(UdpSocket.DIRECT_PROPERTY, "false");
        try {
            Collector rx = new Collector();
            TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
            TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
            assertThat(a.send(ByteBuffer.wrap(pattern(64)), b.localAddress())).isTrue();
            Thread.sleep(300);
            assertThat(rx.packets).as("queued until flush").isEmpty();
            a.flush();
            await(() -> rx.packets.size() == 1);
            assertThat(rx.packets.get(0)).isEqualTo(pattern(64));
            a.close();
            b.close();
        } finally {
            System.clearProperty(UdpSocket.DIRECT_PROPERTY);
        }
    }

    /** Senders on several threads while the socket closes: each send is sent, queued, or refused as closed. */
    @Test
    void sendersRacingCloseGetOnlyIoExceptions() throws Exception {
        Collector rx = new Collector();
        TransportSocket b = transport.open(any(), SocketOptions.DEFAULT, rx);
        for (int round = 0; round < 5; round++) {
            TransportSocket a = transport.open(any(), SocketOptions.DEFAULT, new Collector());
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
            List<Thread> senders = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread s = new Thread(() -> {
                    started.countDown();
                    long end = System.nanoTime() + 2_000_000_000L;
                    ByteBuffer m = ByteBuffer.allocateDirect(256);
                    while (System.nanoTime() < end) {
                        try {
                            a.send(m.duplicate(), b.localAddress());
                            a.sendUrgent(m.duplicate(), b.localAddress());
                            a.flush();
                        } catch (IOException closed) {
                            return; // the documented answer once the socket is closed
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                });
                senders.add(s);
                s.start();
            }
            started.await();
            Thread.sleep(20);
            a.close();
            for (Thread s : senders) {
                s.join(5000);
                assertThat(s.isAlive()).isFalse();
            }
            assertThat(unexpected).isEmpty();
        }
        assertThat(rx.packets).isNotEmpty();
        b.close();
    }
}
