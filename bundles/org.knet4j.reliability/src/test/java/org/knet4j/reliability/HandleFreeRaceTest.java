package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * A handle freed while other threads are inside {@code send}: every caller gets either success or EINVAL, and no
 * queued message's pooled buffer outlives the handle. (Found by {@link ConcurrentReconfigurationTest}: a message
 * offered to the send queue just after {@code free()} had drained it stayed there for good.)
 */
@Timeout(60)
class HandleFreeRaceTest {
    private static final int ROUNDS = 50;

    private EnginePair p;

    @BeforeEach
    void setUp() throws Exception {
        p = EnginePair.clear();
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    @Test
    void sendsRacingWithFreeLeaveNoBufferBehind() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < ROUNDS; round++) {
            KnetHandle h = p.newHandle(100);
            DataChannel ch = h.openChannel(0);
            h.enableFilter(DestinationFilter.unicastTo(2));
            h.setForwarding(true);
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(2);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                boolean viaChannel = t == 1;
                Thread s = new Thread(() -> {
                    started.countDown();
                    while (!done.get()) {
                        try {
                            if (viaChannel) {
                                ch.send(ByteBuffer.wrap(new byte[100]));
                            } else {
                                h.send(0, ByteBuffer.wrap(new byte[100]));
                            }
                        } catch (KnetException e) {
                            if (e.error() != KnetError.EINVAL && e.error() != KnetError.EAGAIN) {
                                failures.add("send: " + e.error() + " " + e.getMessage());
                            }
                        } catch (RuntimeException e) {
                            failures.add("send: " + e);
                        }
                    }
                }, "racing-sender-" + t);
                s.setDaemon(true);
                senders.add(s);
                s.start();
            }
            started.await();
            Thread.sleep(round % 3);
            h.close();
            done.set(true);
            for (Thread s : senders) {
                s.join(10_000);
                assertThat(s.isAlive()).as("%s stopped:\n%s", s.getName(), ThreadDumps.all()).isFalse();
            }
            assertThat(p.liveBuffers()).as("pooled buffers held after round %d freed its handle", round).isZero();
        }
        assertThat(failures).isEmpty();
    }
}
