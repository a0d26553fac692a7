package org.knet4j.interop;

import java.net.DatagramSocket;
import java.net.InetAddress;

/** Free UDP port ranges on 127.0.0.1 for one test case. */
final class Ports {
    private Ports() {
    }

    /** A base port such that base..base+count-1 were all free a moment ago. */
    static int freeRange(int count) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                base = s.getLocalPort();
            }
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (DatagramSocket s = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
                    free = true;
                } catch (java.net.SocketException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range of " + count);
    }
}
