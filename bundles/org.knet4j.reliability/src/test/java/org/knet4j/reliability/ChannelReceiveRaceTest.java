package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/**
 * {@link DataChannel#receive(ByteBuffer, Duration)} ("thread-safe", says the API) against what can happen to the
 * channel meanwhile: it is closed under a waiting receiver, or two threads take from it at once.
 */
@Timeout(60)
class ChannelReceiveRaceTest {
    private EnginePair p;

    @BeforeEach
    void setUp() throws Exception {
        p = EnginePair.clear();
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    /** [int index][int length] then bytes (index + i), {@code length} bytes in all (at least 8). */
    private static ByteBuffer message(int index, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(index).putInt(length);
        for (int i = 8; i < length; i++) {
            b.put((byte) (index + i));
        }
        return b.flip();
    }

    /** The index of an intact message, or a description of the damage. */
    private static Object check(ByteBuffer m) {
        if (m.remaining() < 8) {
            return "message of " + m.remaining() + " bytes";
        }
        int index = m.getInt(m.position());
        int length = m.getInt(m.position() + 4);
        if (length != m.remaining()) {
            return "message " + index + " of " + length + " bytes arrived with " + m.remaining();
        }
        for (int i = 8; i < length; i++) {
            if (m.get(m.position() + i) != (byte) (index + i)) {
                return "message " + index + " corrupt at byte " + i;
            }
        }
        return index;
    }

    @Test
    void closingAChannelUnderAWaitingReceiverEndsItWithEinval() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        DataChannel txChannel = p.a.openChannel(5);
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            int i = 0;
            while (sending.get()) {
                try {
                    txChannel.sendSync(message(i, 8 + i % 300));
                    i++;
                } catch (KnetException e) {
                    // the far channel comes and goes; B counts those messages as having no channel
                }
            }
        }, "sender");
        sender.setDaemon(true);
        sender.start();
        try {
            for (int round = 0; round < 40; round++) {
                DataChannel rx = p.b.openChannel(5);
                AtomicInteger received = new AtomicInteger();
                Thread receiver = new Thread(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(65536);
                    while (true) {
                        try {
                            buf.clear();
                            if (rx.receive(buf, Duration.ofMillis(5)) >= 0) {
                                received.incrementAndGet();
                                Object ok = check(buf.flip());
                                if (!(ok instanceof Integer)) {
                                    failures.add(ok.toString());
                                }
                            }
                        } catch (KnetException e) {
                            if (e.error() != KnetError.EINVAL) {
                                failures.add("receive: " + e.error() + " " + e.getMessage());
                            }
                            return; // closed
                        } catch (Throwable t) {
                            failures.add("receive: " + t);
                            return;
                        }
                    }
                }, "receiver-" + round);
                receiver.setDaemon(true);
                receiver.start();
                Thread.sleep(round % 7);
                rx.close();
                receiver.join(10_000);
                assertThat(receiver.isAlive()).as("receiver ended after close:\n%s", ThreadDumps.all()).isFalse();
            }
        } finally {
            sending.set(false);
            sender.join(10_000);
        }
        assertThat(failures).isEmpty();
        assertThat(p.escapedExceptions()).isEmpty();
        p.sync();
        assertThat(p.liveBuffers()).isZero();
    }

    @Test
    void twoReceiversOnOneChannelEachGetWholeMessages() throws Exception {
        int total = 8_000;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        BitSet seen = new BitSet(total);
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> receivers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread r = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocate(65536);
                while (!done.get()) {
                    try {
                        buf.clear();
                        if (p.chB.receive(buf, Duration.ofMillis(5)) < 0) {
                            continue;
                        }
                        Object ok = check(buf.flip());
                        if (ok instanceof Integer index) {
                            synchronized (seen) {
                                if (seen.get(index)) {
                                    failures.add("message " + index + " delivered twice");
                                }
                                seen.set(index);
                            }
                            received.incrementAndGet();
                        } else {
                            failures.add(ok.toString());
                        }
                    } catch (Throwable e) {
                        failures.add("receive: " + e);
                    }
                }
            }, "receiver-" + t);
            r.setDaemon(true);
            receivers.add(r);
            r.start();
        }
        for (int i = 0; i < total; i++) {
            p.a.sendSync(0, message(i, 8 + (i * 37) % 1400));
        }
        p.sync();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (received.get() + p.b.getStats().rxNoChannelPackets() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        done.set(true);
        for (Thread r : receivers) {
            r.join(10_000);
        }
        assertThat(failures).as("what the two receivers saw").isEmpty();
        assertThat(received.get() + p.b.getStats().rxNoChannelPackets())
                .as("messages received, plus those counted as not taken (channel full)").isEqualTo(total);
    }
}
