package org.knet4j.reliability.fault;

import java.net.InetSocketAddress;

/**
 * One link of a {@link FaultNode}, from its command line: {@code PEER:LINK:LOCALIP:LOCALPORT:DESTIP:DESTPORT}
 * (IPv4).
 */
record LinkSpec(int peer, int link, InetSocketAddress local, InetSocketAddress destination) {

    static LinkSpec parse(String text) {
        String[] f = text.split(":");
        if (f.length != 6) {
            throw new IllegalArgumentException(
                    "link spec needs PEER:LINK:LOCALIP:LOCALPORT:DESTIP:DESTPORT, got " + text);
        }
        return new LinkSpec(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                new InetSocketAddress(f[2], Integer.parseInt(f[3])),
                new InetSocketAddress(f[4], Integer.parseInt(f[5])));
    }

    String format() {
        return peer + ":" + link + ":" + local.getAddress().getHostAddress() + ":" + local.getPort() + ":"
                + destination.getAddress().getHostAddress() + ":" + destination.getPort();
    }
}
