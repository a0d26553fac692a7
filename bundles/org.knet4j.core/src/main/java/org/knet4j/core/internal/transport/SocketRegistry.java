package org.knet4j.core.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;

/**
 * The sockets of one handle, keyed by transport and source address, shared by the links that use the same one
 * (WIRE.md §12). A link asking for port 0 gets a socket of its own. Called under the handle's configuration lock.
 */
public final class SocketRegistry {
    private final Map<String, SharedSocket> sockets = new HashMap<>();
    private final Function<InetSocketAddress, PacketReceiver> receivers;
    /** The open sockets, republished on every change, for the data path's lock-free {@link #allWritable()}. */
    private volatile SharedSocket[] snapshot = new SharedSocket[0];

    /** @param receivers makes the receive callback for a new socket (one per socket: it owns scratch buffers) */
    public SocketRegistry(Function<InetSocketAddress, PacketReceiver> receivers) {
        this.receivers = receivers;
    }

    private static String key(Transport t, InetSocketAddress a) {
        return t.name() + "|" + a;
    }

    public SharedSocket acquire(Transport transport, InetSocketAddress source, SocketOptions options)
            throws IOException {
        SharedSocket s = source.getPort() == 0 ? null : sockets.get(key(transport, source));
        if (s == null) {
            s = new SharedSocket(transport, source, transport.open(source, options, receivers.apply(source)));
            sockets.put(key(transport, source.getPort() == 0 ? s.localAddress() : source), s);
            republish();
        }
        s.retain();
        return s;
    }

    public void release(SharedSocket s) {
        if (s.release() == 0) {
            sockets.values().remove(s);
            republish();
            s.socket().close();
        }
    }

    /** Close every socket of {@code transport} (it is going away) and return them. */
    public List<SharedSocket> dropTransport(Transport transport) {
        List<SharedSocket> dropped = new ArrayList<>();
        sockets.values().removeIf(s -> {
            if (s.transport() == transport) {
                dropped.add(s);
                s.socket().close();
                return true;
            }
            return false;
        });
        republish();
        return dropped;
    }

    public void closeAll() {
        for (SharedSocket s : sockets.values()) {
            s.socket().close();
        }
        sockets.clear();
        republish();
    }

    private void republish() {
        snapshot = sockets.values().toArray(new SharedSocket[0]);
    }

    /**
     * True when every socket of the handle takes datagrams now (nothing backed up above its high-water mark): then
     * a message can go out from the sender's own thread without waiting for a busy socket. Any thread, no lock.
     */
    public boolean allWritable() {
        for (SharedSocket s : snapshot) {
            if (!s.socket().isWritable()) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return sockets.size();
    }
}
