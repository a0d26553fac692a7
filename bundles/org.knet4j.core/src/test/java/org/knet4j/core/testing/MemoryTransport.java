package org.knet4j.core.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;

/**
 * A test transport that carries datagrams in memory between sockets of the same instance, on one delivery thread
 * (like an I/O event loop). It can be told to refuse sends (back-pressure) or drop datagrams, so the engine's
 * error paths can be driven exactly. Registered under the UDP name and id so handles use it as they would UDP.
 */
public final class MemoryTransport implements Transport {
    private final Map<InetSocketAddress, MemorySocket> bound = new ConcurrentHashMap<>();
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-transport");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger nextPort = new AtomicInteger(40000);
    private volatile boolean busy;
    private volatile Predicate<ByteBuffer> drop = b -> false;

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

    /** While true, every send answers "busy" (the transport's queue is full). */
    public void setBusy(boolean busy) {
        this.busy = busy;
    }

    /** Datagrams matching {@code drop} vanish on the way. */
    public void setDrop(Predicate<ByteBuffer> drop) {
        this.drop = drop;
    }

    /** Inject a raw datagram as if {@code from} had sent it to {@code to}. */
    public void inject(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        MemorySocket s = bound.get(to);
        if (s != null) {
            loop.execute(() -> s.receiver.onPacket(ByteBuffer.wrap(datagram), from));
        }
    }

    /** Wait until everything queued so far has been delivered. */
    public void sync() throws Exception {
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    public void shutdown() {
        loop.shutdownNow();
    }

    @Override
    public TransportSocket open(InetSocketAddress local, SocketOptions options, PacketReceiver receiver)
            throws IOException {
        InetSocketAddress addr = local.getPort() == 0
                ? new InetSocketAddress(local.getAddress(), nextPort.getAndIncrement()) : local;
        MemorySocket s = new MemorySocket(addr, receiver);
        if (bound.putIfAbsent(addr, s) != null) {
            throw new BindException("address in use: " + addr);
        }
        return s;
    }

    private final class MemorySocket implements TransportSocket {
        private final InetSocketAddress address;
        private final PacketReceiver receiver;
        private volatile boolean open = true;

        MemorySocket(InetSocketAddress address, PacketReceiver receiver) {
            this.address = address;
            this.receiver = receiver;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
            if (!open) {
                throw new IOException("closed");
            }
            if (busy) {
                return false;
            }
            byte[] copy = new byte[packet.remaining()];
            packet.duplicate().get(copy);
            if (drop.test(ByteBuffer.wrap(copy))) {
                return true;
            }
            MemorySocket dst = bound.get(destination);
            if (dst != null) {
                loop.execute(() -> {
                    if (dst.open) {
                        dst.receiver.onPacket(ByteBuffer.wrap(copy), address);
                    }
                });
            }
            return true;
        }

        @Override
        public void flush() {
            // delivery is immediate
        }

        @Override
        public boolean isWritable() {
            return !busy;
        }

        @Override
        public void close() {
            open = false;
            bound.remove(address, this);
        }
    }
}
