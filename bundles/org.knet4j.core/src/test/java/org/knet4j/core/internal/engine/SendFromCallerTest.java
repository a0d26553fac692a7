package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DataChannel;
import org.knet4j.api.Direction;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetHandle;
import org.knet4j.core.testing.ConnectedPair;
import org.knet4j.core.testing.MemoryTransport;

/**
 * {@code send} runs the send path in the caller's thread when nothing is queued ahead and no other thread holds
 * the TX lock, and goes through the queue and the TX thread otherwise, never waiting and never reordering one
 * thread's messages. The TX filter runs inside the send path, so the thread it sees tells which way a message went.
 */
class SendFromCallerTest {
    private ConnectedPair pair;
    private MemoryTransport transport;
    private KnetHandle a;
    private DataChannel chB;
    /** Per message sent by node 1 (first byte): the thread that ran its TX filter. */
    private final List<String> txThreads = new CopyOnWriteArrayList<>();
    private final List<Integer> txOrder = new CopyOnWriteArrayList<>();
    /** Message 0's filter waits here (while holding the TX lock) until the test lets it go. */
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        pair = ConnectedPair.linked(7651);
        transport = pair.transport;
        a = pair.a;
        chB = pair.chB;
        a.enableFilter((data, req) -> {
            if (req.direction() == Direction.RX) {
                return FilterVerdict.BROADCAST;
            }
            int id = data.get(0) & 0xff;
            txThreads.add(Thread.currentThread().getName());
            txOrder.add(id);
            if (id == 200) { // the test's "slow filter": holds the TX lock
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            req.addDestination(2);
            return FilterVerdict.UNICAST;
        });
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        pair.close();
    }

    private static ByteBuffer msg(int id) {
        return ByteBuffer.wrap(new byte[] {(byte) id, 7, 7});
    }

    @Test
    void aLoneMessageGoesOutFromTheCallersThread() throws Exception {
        a.send(0, msg(1));
        assertThat(txThreads).containsExactly(Thread.currentThread().getName()); // done before send returned
        assertThat(chB.receive(Duration.ofSeconds(5)).data()).containsExactly(1, 7, 7);
    }

    @Test
    void aHeldTxLockSendsThroughTheQueueWithoutWaitingAndInOrder() throws Exception {
        Thread slow = new Thread(() -> {
            try {
                a.send(0, msg(200));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "slow-sender");
        slow.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        for (int i = 1; i <= 50; i++) {
            a.send(0, msg(i)); // the lock is held: each goes into the queue at once
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
        assertThat(txOrder).containsExactly(200); // nothing of ours has run its filter yet
        release.countDown();
        slow.join(5000);
        assertThat(chB.receive(Duration.ofSeconds(5)).data()[0] & 0xff).isEqualTo(200);
        for (int i = 1; i <= 50; i++) {
            assertThat(chB.receive(Duration.ofSeconds(5)).data()[0] & 0xff).isEqualTo(i);
        }
        // queued messages went through the TX thread in the order they were sent
        List<Integer> ours = txOrder.subList(1, txOrder.size());
        assertThat(ours).hasSize(50).isSorted();
        assertThat(txThreads.subList(1, txThreads.size())).allMatch(n -> n.startsWith("knet4j-tx-"));
    }

    @Test
    void aThreadsMessagesKeepTheirOrderAcrossQueueAndDirectSends() throws Exception {
        // every third message meets a busy socket (all go to the queue), the rest may go direct: the receiver
        // must see 0..2999 in order whichever way each went
        int n = 3000;
        for (int i = 0; i < n; i++) {
            transport.setBusy(i % 3 == 1);
            a.send(0, ByteBuffer.wrap(new byte[] {(byte) 1, (byte) i, (byte) (i >> 8)}));
        }
        transport.setBusy(false);
        int last = -1;
        for (int i = 0; i < n; i++) {
            var m = chB.receive(Duration.ofSeconds(5));
            assertThat(m).as("message %d", i).isNotNull();
            int seq = (m.data()[1] & 0xff) | (m.data()[2] & 0xff) << 8;
            assertThat(seq).isEqualTo(last + 1);
            last = seq;
        }
        assertThat(txThreads).contains(Thread.currentThread().getName())
                .anyMatch(name -> name.startsWith("knet4j-tx-"));
    }
}
