package org.knet4j.bench.jmh.jgroups;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * The compare script's JGroups column: what a Java user picks instead of knet today. Two processes join one
 * cluster with JGroups' default UDP stack ({@code udp.xml}) bound to 127.0.0.1; the sender sends COUNT unicast
 * messages of SIZE bytes to the receiver, which counts them and prints the same RESULT line as the peers.
 *
 * <pre>
 *   JGroupsPeer rx|tx PORT COUNT SIZE [WARMUP]
 * </pre>
 * PORT is the stack's multicast port, so that runs never share a cluster. The receiver leaves its first WARMUP
 * messages (default 0) out of the rate, as the peers' {@code --warmup} does: JGroups is measured after its JIT
 * warm-up, as knet4j is.
 *
 * A command-line tool: stdout is its output.
 */
public final class JGroupsPeer {
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    /** The receiver's answer when it has counted everything (or given up), so the sender may leave. */
    private static final byte[] DONE = {'d'};

    private JGroupsPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5 || !(args[0].equals("rx") || args[0].equals("tx"))) {
            System.err.println("usage: JGroupsPeer rx|tx PORT COUNT SIZE [WARMUP]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        long count = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        long warmup = args.length == 5 ? Long.parseLong(args[4]) : 0;
        if (port < 1024 || port > 65535 || count < 1 || size < 1 || warmup < 0 || warmup >= count) {
            System.err.println("JGroupsPeer: bad port, count or size: " + String.join(" ", args));
            System.exit(2);
        }
        System.setProperty("java.net.preferIPv4Stack", "true");
        System.setProperty("jgroups.bind_addr", "127.0.0.1");
        System.setProperty("jgroups.udp.mcast_port", Integer.toString(port));
        int code = args[0].equals("rx") ? receive(port, count, warmup) : send(port, count, size);
        System.exit(code);
    }

    private static int receive(int port, long count, long warmup) throws Exception {
        Tally tally = new Tally(count, warmup);
        try (JChannel ch = new JChannel("udp.xml")) {
            ch.setReceiver(tally);
            ch.connect("knet4j-bench-" + port);
            boolean all = tally.all.await(TIMEOUT_NS, TimeUnit.NANOSECONDS);
            Address sender = tally.sender;
            if (sender != null) {
                ch.send(new BytesMessage(sender, DONE));
            }
            double secs = (tally.last - tally.first) / 1e9;
            long n = tally.received.get();
            long rated = Math.max(0, n - warmup);
            System.out.printf(Locale.ROOT, "RESULT mode=jgroups-rx received=%d corrupt=0 missing=%d seconds=%.3f "
                    + "msgs_per_s=%.1f MBps=%.2f%n", n, count - n, secs, secs > 0 ? rated / secs : 0.0,
                    secs > 0 ? tally.bytes.get() / secs / 1e6 : 0.0);
            TimeUnit.MILLISECONDS.sleep(200); // let DONE leave before the channel closes
            return all ? 0 : 1;
        }
    }

    private static int send(int port, long count, int size) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (JChannel ch = new JChannel("udp.xml")) {
            ch.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    done.countDown();
                }
            });
            ch.connect("knet4j-bench-" + port);
            Address peer = awaitPeer(ch);
            if (peer == null) {
                System.out.println("TIMEOUT waiting for peer");
                return 3;
            }
            System.out.println("READY");
            byte[] payload = new byte[size];
            for (long i = 0; i < count; i++) {
                // JGroups may keep the array until it is acknowledged: a fresh one per message, as its users do
                byte[] m = payload.clone();
                m[0] = (byte) i;
                ch.send(new BytesMessage(peer, m));
            }
            return done.await(TIMEOUT_NS, TimeUnit.NANOSECONDS) ? 0 : 1;
        }
    }

    /** The other member once the view has two, or null after the timeout. */
    private static Address awaitPeer(JChannel ch) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NS;
        while (System.nanoTime() - deadline < 0) {
            View v = ch.getView();
            List<Address> members = v == null ? List.of() : v.getMembers();
            if (members.size() >= 2) {
                for (Address a : members) {
                    if (!a.equals(ch.getAddress())) {
                        return a;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return null;
    }

    /** Counts the sender's messages; the first and last arrival times after the warm-up give the rate. */
    private static final class Tally implements Receiver {
        final AtomicLong received = new AtomicLong();
        final CountDownLatch all = new CountDownLatch(1);
        final long expected;
        final long warmup;
        volatile Address sender;
        volatile long first;
        volatile long last;
        final AtomicLong bytes = new AtomicLong();

        Tally(long expected, long warmup) {
            this.expected = expected;
            this.warmup = warmup;
        }

        @Override
        public void receive(Message msg) {
            long now = System.nanoTime();
            long n = received.incrementAndGet();
            if (n == 1) {
                sender = msg.getSrc();
            }
            if (n == warmup + 1) {
                first = now;
            }
            if (n > warmup) {
                last = now;
                bytes.addAndGet(msg.getLength());
            }
            if (n == expected) {
                all.countDown();
            }
        }
    }
}
