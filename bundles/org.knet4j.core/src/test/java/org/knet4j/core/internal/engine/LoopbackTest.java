package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.Message;
import org.knet4j.api.TransportType;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.Nodes;

/** The built-in loopback transport: a node's own messages reach its own channels without the wire. */
class LoopbackTest {
    @Test
    void sendAndSendSyncToSelf() throws Exception {
        KnetImpl knet = new KnetImpl();
        KnetHandle h = Nodes.node(knet, 7);
        try {
            h.hostAdd(7);
            h.linkSetConfig(7, 0, new LinkConfig(TransportType.LOOPBACK, new InetSocketAddress("127.0.0.1", 0),
                    null, 0));
            h.linkSetEnable(7, 0, true);
            DataChannel ch = h.openChannel(3);
            h.setForwarding(true);
            h.send(3, ByteBuffer.wrap(new byte[65536]));
            Message m = ch.receive(Duration.ofSeconds(5));
            assertThat(m).isNotNull();
            assertThat(m.data()).hasSize(65536);
            assertThat(m.sourceHostId()).isEqualTo(7);
            h.enableFilter(DestinationFilter.unicastTo(7));
            h.sendSync(3, ByteBuffer.wrap("me".getBytes()));
            assertThat(new String(ch.receive(Duration.ofSeconds(5)).data())).isEqualTo("me");
        } finally {
            h.close();
        }
    }
}
