package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.core.testing.ConnectedPair;
import org.knet4j.core.testing.MemoryTransport;

/** How received messages reach the user: queue, listener, size errors, filters on receive, async send. */
class ChannelDeliveryTest {
    private ConnectedPair pair;
    private MemoryTransport transport;
    private KnetHandle a;
    private KnetHandle b;
    private DataChannel chB;

    @BeforeEach
    void setUp() throws Exception {
        pair = ConnectedPair.linked(7501);
        transport = pair.transport;
        a = pair.a;
        b = pair.b;
        chB = pair.chB;
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void asyncSendArrivesInOrder() throws Exception {
        for (int i = 0; i < 1000; i++) {
            a.send(0, ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        ByteBuffer buf = ByteBuffer.allocate(100);
        for (int i = 0; i < 1000; i++) {
            buf.clear();
            assertThat(b.recv(0, buf, 5000)).isEqualTo(2);
            assertThat((buf.get(0) & 0xff) | (buf.get(1) & 0xff) << 8).isEqualTo(i);
        }
    }

    @Test
    void tooSmallBufferKeepsTheMessageQueued() throws Exception {
        a.sendSync(0, ByteBuffer.wrap(new byte[100]));
        ByteBuffer small = ByteBuffer.allocate(10);
        KnetException e = catchThrowableOfType(KnetException.class,
                () -> chB.receive(small, Duration.ofSeconds(5)));
        assertThat(e.error()).isEqualTo(KnetError.EMSGSIZE);
        assertThat(chB.receive(ByteBuffer.allocate(100), Duration.ofSeconds(1))).isEqualTo(100);
    }

    @Test
    void listenerGetsMessagesWithTheirSender() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        chB.setListener((channel, src, data) -> got.add(channel + "/" + src + "/" + data.remaining()));
        a.sendSync(0, ByteBuffer.wrap(new byte[1400]));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(got).containsExactly("0/1/1400");
        assertThat(catchThrowableOfType(KnetException.class, () -> chB.receive(Duration.ofMillis(1))).error())
                .isEqualTo(KnetError.EINVAL);
    }

    @Test
    void receiveFilterCanDropAndRewriteChannels() throws Exception {
        DataChannel ch3 = b.openChannel(3);
        b.enableFilter((data, req) -> {
            if (data.get(0) == 9) {
                return FilterVerdict.DROP;
            }
            req.setChannel(3);
            return FilterVerdict.BROADCAST;
        });
        a.sendSync(0, ByteBuffer.wrap(new byte[] {9}));
        a.sendSync(0, ByteBuffer.wrap(new byte[] {4}));
        assertThat(ch3.receive(Duration.ofSeconds(5)).data()).containsExactly(4);
        assertThat(chB.receive(Duration.ofMillis(100))).isNull();
        assertThat(b.getStats().rxFilteredPackets()).isEqualTo(1);
    }

    @Test
    void forwardingOffOnReceiveDrops() throws Exception {
        b.setForwarding(false);
        a.sendSync(0, ByteBuffer.wrap(new byte[] {1}));
        transport.sync();
        assertThat(chB.receive(Duration.ofMillis(100))).isNull();
        b.setForwarding(true);
        a.sendSync(0, ByteBuffer.wrap(new byte[] {2}));
        assertThat(chB.receive(Duration.ofSeconds(5)).data()).containsExactly(2);
    }

    @Test
    void fullSendQueueAnswersEagain() throws Exception {
        transport.setBusy(true); // the queue thread stalls on a busy socket, so the queue fills
        try {
            KnetException e = null;
            for (int i = 0; i < 20000 && e == null; i++) {
                try {
                    a.send(0, ByteBuffer.wrap(new byte[10]));
                } catch (KnetException x) {
                    e = x;
                }
            }
            assertThat(e).isNotNull();
            assertThat(e.error()).isEqualTo(KnetError.EAGAIN);
            assertThat(a.getStats().txQueueFullDrops()).isEqualTo(1);
        } finally {
            transport.setBusy(false);
        }
    }
}
