package org.knet4j.bench.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;
import org.knet4j.spi.transport.TransportSocket;

/**
 * A plain blocking-NIO "UDP" transport for the end-to-end tests, used only when the real transport bundle
 * (org.knet4j.transport.udp) is not on the class path: one reader thread per socket, sends straight to the kernel.
 */
public final class NioUdpTransport implements Transport {
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
        DatagramChannel ch = DatagramChannel.open(local.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, options.bufferBytes());
            ch.setOption(StandardSocketOptions.SO_SNDBUF, options.bufferBytes());
            ch.bind(local);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new Sock(ch, receiver);
    }

    private static final class Sock implements TransportSocket {
        private final DatagramChannel ch;
        private final Thread reader;
        private final InetSocketAddress local;

        Sock(DatagramChannel ch, PacketReceiver receiver) throws IOException {
            this.ch = ch;
            this.local = (InetSocketAddress) ch.getLocalAddress();
            reader = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536 + 1024);
                while (ch.isOpen()) {
                    try {
                        buf.clear();
                        InetSocketAddress src = (InetSocketAddress) ch.receive(buf);
                        buf.flip();
                        receiver.onPacket(buf, src);
                    } catch (ClosedChannelException e) {
                        return;
                    } catch (IOException e) {
                        receiver.onError(null, e);
                    }
                }
            }, "test-udp-" + local.getPort());
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
            ch.send(packet.duplicate(), destination);
            return true;
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void close() {
            try {
                ch.close();
                reader.join(1000);
            } catch (IOException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
