package org.knet4j.bench.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.Knet;
import org.knet4j.bench.KnetLocator;

/** Engines and ports for the end-to-end tests. */
public final class TestKnets {
    private TestKnets() {
    }

    /** A new engine as the peer tool makes it, with the UDP transport (a test dependency) installed. */
    public static Knet newKnet() {
        Knet knet = KnetLocator.create();
        if (knet.transportList().stream().noneMatch(t -> t.name().equals("UDP"))) {
            throw new IllegalStateException("no UDP transport on the test class path: " + knet.transportList());
        }
        return knet;
    }

    /** A port P on 127.0.0.1 such that P..P+n-1 were all free a moment ago. */
    public static int freePorts(int n) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 100; attempt++) {
            List<DatagramSocket> held = new ArrayList<>();
            try {
                DatagramSocket first = new DatagramSocket(new InetSocketAddress(lo, 0));
                held.add(first);
                int base = first.getLocalPort();
                if (base + n - 1 > 65535) {
                    continue;
                }
                boolean ok = true;
                for (int i = 1; i < n && ok; i++) {
                    try {
                        held.add(new DatagramSocket(new InetSocketAddress(lo, base + i)));
                    } catch (IOException e) {
                        ok = false;
                    }
                }
                if (ok) {
                    return base;
                }
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no " + n + " consecutive free UDP ports on 127.0.0.1");
    }
}
