package org.knet4j.transport.udp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.knet4j.spi.transport.TransportSocket;

/**
 * One bound UDP socket. {@link #send} copies the datagram into a pooled direct buffer and queues it on the channel
 * without flushing; {@link #flush} puts the queue on the wire, where Netty's epoll transport sends several
 * datagrams with one sendmmsg. Write failures surface through the void promise as pipeline exceptions, which the
 * {@link InboundHandler} turns into {@code onError} (no listener object per packet).
 */
final class UdpSocket implements TransportSocket {
    /** Largest UDP payload: 65535 minus the IP (20 / 40) and UDP (8) headers. */
    static final int MAX_PAYLOAD_V4 = 65507;
    static final int MAX_PAYLOAD_V6 = 65487;

    private final Channel channel;
    private final InboundHandler handler;
    private final InetSocketAddress local;
    private final int maxPayload;
    private final ByteBufAllocator alloc;

    UdpSocket(Channel channel, InboundHandler handler) {
        this.channel = channel;
        this.handler = handler;
        this.local = (InetSocketAddress) channel.localAddress();
        this.maxPayload = local.getAddress() instanceof Inet4Address ? MAX_PAYLOAD_V4 : MAX_PAYLOAD_V6;
        this.alloc = channel.alloc();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean send(ByteBuffer packet, InetSocketAddress destination) throws IOException {
        int len = packet.remaining();
        if (len > maxPayload) {
            throw new IOException("Message too long: " + len + " bytes > " + maxPayload);
        }
        if (!channel.isActive()) {
            throw new IOException("socket " + local + " is closed");
        }
        if (!channel.isWritable()) {
            return false;
        }
        ByteBuf buf = alloc.directBuffer(len);
        buf.writeBytes(packet.duplicate());
        channel.write(new DatagramPacket(buf, destination), channel.voidPromise());
        return true;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void close() {
        handler.close();
        channel.close().awaitUninterruptibly(2000);
    }
}
