package org.knet4j.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.core.Knet4j;
import org.knet4j.core.testing.Nodes;

/** A link over IPv6 loopback (::1), with IPv6's initial MTU and discovery. */
class UdpIpv6Test {
    @Test
    void linkAndDataOverIpv6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int pa;
        int pb;
        try (DatagramSocket s1 = new DatagramSocket(0, v6); DatagramSocket s2 = new DatagramSocket(0, v6)) {
            pa = s1.getLocalPort();
            pb = s2.getLocalPort();
        } catch (java.net.SocketException e) {
            Assumptions.abort("no IPv6 loopback on this machine: " + e.getMessage());
            return;
        }
        Knet knet = Knet4j.create();
        KnetHandle a = Nodes.node(knet, 1);
        KnetHandle b = Nodes.node(knet, 2);
        try {
            Nodes.link(a, 2, 0, new InetSocketAddress(v6, pa), new InetSocketAddress(v6, pb));
            Nodes.link(b, 1, 0, new InetSocketAddress(v6, pb), new InetSocketAddress(v6, pa));
            assertThat(a.linkGetStatus(2, 0).mtu()).isEqualTo(1206); // libknet's initial static IPv6 link MTU
            Nodes.ready(a, 2);
            DataChannel chB = Nodes.ready(b, 1);
            Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
            Nodes.awaitReachable(b, 1, Duration.ofSeconds(5));
            byte[] big = new byte[65536];
            java.util.Arrays.fill(big, (byte) 7);
            a.sendSync(0, ByteBuffer.wrap(big));
            assertThat(chB.receive(Duration.ofSeconds(5)).data()).isEqualTo(big);
            assertThat(a.linkGetStatus(2, 0).protoOverhead()).isEqualTo(40 + 8 + 26);
        } finally {
            a.close();
            b.close();
            Knet4j.shutdown(knet);
        }
    }
}
