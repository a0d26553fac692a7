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
 * Hands each datagram to the engine as a view of Netty's pooled buffer (no copy, no ByteBuffer allocated: the
 * internal NIO view is reused) and releases the buffer in exactly one place. Nothing the engine throws reaches the
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
                receiver.onPacket(content.internalNioBuffer(content.readerIndex(), content.readableBytes()),
                        p.sender());
            }
        } catch (RuntimeException e) {
            LOG.debug("receiver failed on a datagram", e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
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
