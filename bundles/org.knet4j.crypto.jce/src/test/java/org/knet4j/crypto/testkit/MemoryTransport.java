package org.knet4j.crypto.testkit;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;

/**
 * Datagrams in memory: every socket bound on this transport can reach every other, and one thread delivers them
 * in order (as one I/O event loop would). Named and numbered as UDP so that handles take it for UDP. Each datagram
 * is copied when sent, so the engine may reuse its buffers at once, as the SPI allows.
 */
public final class MemoryTransport implements Transport {
    private final Map<InetSocketAddress, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-udp");
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

    /** Returns once every datagram sent before the call has been delivered. */
    public void sync() throws Exception {
        delivery.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    public void shutdown() {
        delivery.shutdownNow();
    }

    @Override
    public TransportSocket open(InetSocketAddress local, SocketOptions options, PacketReceiver receiver)
            throws IOException {
        if (local.getPort() == 0) {
            throw new BindException("this test transport needs fixed ports");
        }
        Endpoint e = new Endpoint(local, receiver);
        if (endpoints.putIfAbsent(local, e) != null) {
            throw new BindException("address in use: " + local);
        }
        return e;
    }

    private final class Endpoint implements TransportSocket {
        private final InetSocketAddress address;
        private final PacketReceiver receiver;
        private volatile boolean open = true;

        Endpoint(InetSocketAddress address, PacketReceiver receiver) {
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
                throw new IOException("socket closed");
            }
            byte[] datagram = new byte[packet.remaining()];
            packet.duplicate().get(datagram);
            Endpoint to = endpoints.get(destination);
            if (to != null && !delivery.isShutdown()) {
                try {
                    delivery.execute(() -> {
                        if (to.open) {
                            to.receiver.onPacket(ByteBuffer.wrap(datagram), address);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // shutting down: the datagram is lost, as it would be on a real network
                }
            }
            return true;
        }

        @Override
        public void flush() {
            // delivery needs no flush
        }

        @Override
        public boolean isWritable() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            endpoints.remove(address, this);
        }
    }
}
