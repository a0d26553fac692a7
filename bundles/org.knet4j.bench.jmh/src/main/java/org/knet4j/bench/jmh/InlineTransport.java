package org.knet4j.bench.jmh;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;

/**
 * A transport with no I/O, for measuring the engine alone: a datagram is copied into the destination socket's own
 * buffer (as the kernel copies into a socket buffer) and handed to that socket's receiver at once, on the sending
 * thread, one datagram at a time per socket. {@code EnginePathBenchmark} thus runs the engine's whole send and
 * receive path in the benchmark thread, and its allocation figure is the engine's alone: the UDP transport's own
 * (Netty's datagram objects) is {@code LoopbackBenchmark}'s figure less this one.
 *
 * <p>A datagram sent while its thread is already delivering one (a pong answering a ping) is handed to a helper
 * thread instead, so that no thread ever waits for a second socket while holding one (no lock-order deadlock).
 * Registered under UDP's name and id, so handles use it as they would UDP.
 */
final class InlineTransport implements Transport {
    private static final ThreadLocal<Boolean> DELIVERING = ThreadLocal.withInitial(() -> false);

    private final Map<InetSocketAddress, InlineSocket> bound = new ConcurrentHashMap<>();
    private final ExecutorService nested = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inline-transport-nested");
        t.setDaemon(true);
        return t;
    });

    @Override
    public String name() {
        return "UDP";
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public int headerOverhead() {
        return 8;
    }

    @Override
    public TransportSocket open(InetSocketAddress local, SocketOptions options, PacketReceiver receiver)
            throws IOException {
        InlineSocket s = new InlineSocket(local, receiver);
        if (local.getPort() == 0 || bound.putIfAbsent(local, s) != null) {
            throw new BindException("address in use or port 0: " + local);
        }
        return s;
    }

    void shutdown() {
        nested.shutdownNow();
    }

    private final class InlineSocket implements TransportSocket {
        private final InetSocketAddress address;
        private final PacketReceiver receiver;
        /** Where datagrams for this socket land (guarded by this socket's monitor). */
        private final ByteBuffer landing = ByteBuffer.allocateDirect(65536);
        private volatile boolean open = true;

        InlineSocket(InetSocketAddress address, PacketReceiver receiver) {
            this.address = address;
            this.receiver = receiver;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
            return send(packet, null, destination);
        }

        @Override
        public boolean send(ByteBuffer head, ByteBuffer body, InetSocketAddress destination) throws IOException {
            if (!open) {
                throw new IOException("closed");
            }
            InlineSocket dst = bound.get(destination);
            if (dst == null) {
                return true; // nobody there: lost, as UDP would
            }
            if (DELIVERING.get()) {
                byte[] copy = new byte[head.remaining() + (body == null ? 0 : body.remaining())];
                head.get(head.position(), copy, 0, head.remaining());
                if (body != null) {
                    body.get(body.position(), copy, head.remaining(), body.remaining());
                }
                nested.execute(() -> dst.land(ByteBuffer.wrap(copy), null, address));
            } else {
                dst.land(head, body, address);
            }
            return true;
        }

        /** Copy the datagram in and hand it to this socket's receiver. */
        private synchronized void land(ByteBuffer head, ByteBuffer body, InetSocketAddress from) {
            if (!open) {
                return;
            }
            landing.clear();
            landing.put(0, head, head.position(), head.remaining()).position(head.remaining());
            if (body != null) {
                landing.put(landing.position(), body, body.position(), body.remaining())
                        .position(landing.position() + body.remaining());
            }
            landing.flip();
            DELIVERING.set(true);
            try {
                receiver.onPacket(landing, from);
            } finally {
                DELIVERING.set(false);
            }
        }

        @Override
        public void flush() {
            // delivered at once
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void close() {
            open = false;
            bound.remove(address, this);
        }
    }
}
