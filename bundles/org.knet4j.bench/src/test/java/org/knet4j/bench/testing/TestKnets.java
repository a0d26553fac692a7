package org.knet4j.bench.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.knet4j.api.Knet;
import org.knet4j.bench.KnetLocator;
import org.knet4j.core.Knet4j;

/** Engines and ports for the end-to-end tests. */
public final class TestKnets {
    private static final String TRANSPORT_SERVICES = "META-INF/services/org.knet4j.spi.transport.Transport";

    private TestKnets() {
    }

    /**
     * A new engine as the peer tool makes it; if no UDP transport is on the class path yet, one with
     * {@link NioUdpTransport} instead.
     */
    public static Knet newKnet() {
        Knet knet = KnetLocator.create();
        if (knet.transportList().stream().anyMatch(t -> t.name().equals("UDP"))) {
            return knet;
        }
        return Knet4j.create(new ClassLoader(TestKnets.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (!name.equals(TRANSPORT_SERVICES)) {
                    return super.getResources(name);
                }
                List<URL> urls = new ArrayList<>(Collections.list(super.getResources(name)));
                urls.add(TestKnets.class.getResource("transport.services"));
                return Collections.enumeration(urls);
            }
        });
    }

    /** Whether the engines use the real UDP transport bundle (not the test stand-in). */
    public static boolean realUdp() {
        return KnetLocator.create().transportList().stream().anyMatch(t -> t.name().equals("UDP"));
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
