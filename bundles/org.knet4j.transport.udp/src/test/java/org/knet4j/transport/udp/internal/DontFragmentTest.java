package org.knet4j.transport.udp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knet4j.spi.transport.PacketReceiver;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.TransportSocket;

/**
 * Sockets never fragment, as libknet 1.25's (IP_MTU_DISCOVER = IP_PMTUDISC_PROBE): otherwise a PMTUd probe larger
 * than the interface MTU is fragmented by the kernel and arrives, and discovery finds 65535 behind a 1300-byte
 * interface (the interop test PmtudInteropTest shows it end to end in network namespaces).
 */
class DontFragmentTest {
    private static final IntegerUnixChannelOption IP_MTU_DISCOVER =
            new IntegerUnixChannelOption("IP_MTU_DISCOVER", 0, 10);
    private static final int IP_PMTUDISC_PROBE = 3;

    private final UdpTransport transport = new UdpTransport();

    @AfterEach
    void tearDown() {
        transport.close();
    }

    @Test
    void everySocketProbesWithoutFragmenting() throws Exception {
        assumeTrue(transport.nativeEpoll(), "native epoll is not loaded: the NIO fallback cannot set the option");
        PacketReceiver ignore = new PacketReceiver() {
            @Override
            public void onPacket(ByteBuffer packet, InetSocketAddress source) {
            }

            @Override
            public void onError(InetSocketAddress peer, Throwable error) {
            }
        };
        TransportSocket s = transport.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SocketOptions.DEFAULT, ignore);
        try {
            assertThat(((UdpSocket) s).channel().config().getOption(IP_MTU_DISCOVER)).isEqualTo(IP_PMTUDISC_PROBE);
        } finally {
            s.close();
        }
    }
}
