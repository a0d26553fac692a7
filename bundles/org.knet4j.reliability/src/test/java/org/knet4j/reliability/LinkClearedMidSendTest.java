package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knet4j.api.KnetException;
import org.knet4j.api.Message;

/**
 * A link cleared by another thread while a packet for it is inside the transport's send: the sender must end
 * normally (or with a KnetException), and the handle must keep sending. (Found by
 * {@link ConcurrentReconfigurationTest} under load: the send path read the link's socket a second time, got null,
 * threw a NullPointerException out of {@code sendSync} while flushing, and skipped unlocking the handle's send lock,
 * so every later send of the handle hung.) The transport's drop hook holds the packet in flight, which makes the
 * race deterministic.
 */
@Timeout(60)
class LinkClearedMidSendTest {
    private EnginePair p;

    @BeforeEach
    void setUp() throws Exception {
        p = EnginePair.clear();
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    private AtomicReference<Throwable> sendSyncIn(Thread[] holder, String name, byte[] message) {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                p.a.sendSync(0, ByteBuffer.wrap(message));
            } catch (KnetException e) {
                // documented: the destination may be gone by now
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, name);
        t.setDaemon(true);
        holder[0] = t;
        t.start();
        return outcome;
    }

    @Test
    void aLinkClearedWhileItsPacketIsInFlightNeitherThrowsNorHangsTheSender() throws Exception {
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch cleared = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean(true);
        p.transport.setDrop(d -> {
            boolean data = d.remaining() > 14 && d.get(d.position() + 1) == 0;
            if (data && Thread.currentThread().getName().equals("trapped-sender") && armed.getAndSet(false)) {
                inSend.countDown();
                try {
                    cleared.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        });
        Thread[] sender = new Thread[1];
        AtomicReference<Throwable> outcome = sendSyncIn(sender, "trapped-sender", "in flight".getBytes());
        assertThat(inSend.await(10, TimeUnit.SECONDS)).as("the packet reached the transport").isTrue();
        p.a.linkSetEnable(2, 0, false);
        p.a.linkClearConfig(2, 0);
        cleared.countDown();
        sender[0].join(10_000);
        assertThat(sender[0].isAlive()).as("the sender returned:\n%s", ThreadDumps.all()).isFalse();
        assertThat(outcome.get()).as("what sendSync threw").isNull();

        // the link back: the handle still sends (its send lock was released)
        EnginePair.link(p.a, 2, 0, EnginePair.ADDR_A, EnginePair.ADDR_B);
        EnginePair.awaitReachable(p.a, 2);
        while (p.chB.receive(Duration.ZERO) != null) {
            // the in-flight message, if it made it
        }
        AtomicReference<Throwable> second = sendSyncIn(sender, "second-sender", "after".getBytes());
        sender[0].join(10_000);
        assertThat(sender[0].isAlive()).as("a later send did not hang:\n%s", ThreadDumps.all()).isFalse();
        assertThat(second.get()).isNull();
        p.sync();
        Message m = p.chB.receive(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        assertThat(new String(m.data())).isEqualTo("after");
    }
}
