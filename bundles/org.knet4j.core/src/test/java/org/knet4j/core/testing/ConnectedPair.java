package org.knet4j.core.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.core.internal.KnetImpl;

/**
 * Two nodes (hosts 1 and 2) on an in-memory transport, linked on link 0 (and more links on request), channel 0
 * open on both with a unicast filter to the other, forwarding on, and both reachable.
 */
public final class ConnectedPair implements AutoCloseable {
    public final MemoryTransport transport = new MemoryTransport();
    public final KnetImpl knet = new KnetImpl();
    public final KnetHandle a;
    public final KnetHandle b;
    public DataChannel chA;
    public DataChannel chB;

    private ConnectedPair() throws KnetException {
        knet.plugins().addTransport(transport);
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
    }

    /** Hosts 1 and 2, one link between {@code port} and {@code port + 1} on 127.0.0.1, waited for. */
    public static ConnectedPair linked(int port) throws Exception {
        ConnectedPair p = unlinked();
        p.link(0, Nodes.local(port), Nodes.local(port + 1));
        p.ready();
        return p;
    }

    /** Both nodes, no link yet. */
    public static ConnectedPair unlinked() throws KnetException {
        return new ConnectedPair();
    }

    /** Add link {@code linkId} between {@code atA} (node 1's side) and {@code atB}. */
    public ConnectedPair link(int linkId, InetSocketAddress atA, InetSocketAddress atB) throws KnetException {
        Nodes.link(a, 2, linkId, atA, atB);
        Nodes.link(b, 1, linkId, atB, atA);
        return this;
    }

    /** Channels, filters and forwarding; then wait until each sees the other. */
    public ConnectedPair ready() throws Exception {
        chA = Nodes.ready(a, 2);
        chB = Nodes.ready(b, 1);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
        return this;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        transport.shutdown();
    }
}
