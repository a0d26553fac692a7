package org.knet4j.transport.udp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.knet4j.spi.transport.PacketReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each datagram to the engine as a window on Netty's pooled buffer (no copy) and releases the buffer in
 * exactly one place. With recvmmsg each datagram is a slice of one big read buffer, and asking a slice for its
 * NIO view makes a new {@code ByteBuffer} per datagram; the window is taken on the read buffer's own cached view
 * instead, so the datagrams of one read share one object. Nothing the engine throws reaches the
 * pipeline; socket errors (ICMP port unreachable and the like) go to the engine and never close the socket.
 */
final class InboundHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundHandler.class);

    private final PacketReceiver receiver;
    private volatile boolean closed;

    InboundHandler(PacketReceiver receiver) {
        this.receiver = receiver;
    }

    void close() {
        closed = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!closed && msg instanceof DatagramPacket p) {
                ByteBuf content = p.content();
                receiver.onPacket(window(content), p.sender());
            }
        } catch (RuntimeException e) {
            LOG.debug("receiver failed on a datagram", e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** {@code content}'s readable bytes as an NIO buffer, on its parent's cached view when it is a slice. */
    private static java.nio.ByteBuffer window(ByteBuf content) {
        int len = content.readableBytes();
        ByteBuf parent = content.unwrap();
        if (parent != null && parent.hasMemoryAddress() && content.hasMemoryAddress()) {
            long at = content.memoryAddress() + content.readerIndex() - parent.memoryAddress();
            if (at >= 0 && at + len <= parent.capacity()) {
                return parent.internalNioBuffer((int) at, len);
            }
        }
        return content.internalNioBuffer(content.readerIndex(), len);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reportError(cause);
    }

    /** A socket error, from the pipeline or from a direct send on another thread: tell the engine. */
    void reportError(Throwable cause) {
        if (closed) {
            return;
        }
        try {
            receiver.onError(null, cause);
        } catch (RuntimeException e) {
            LOG.debug("receiver failed on an error", e);
        }
    }
}
