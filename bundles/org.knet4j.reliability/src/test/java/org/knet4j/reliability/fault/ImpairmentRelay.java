package org.knet4j.reliability.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jitter where the kernel has no netem: a UDP forwarder between two link ends that holds each datagram for a
 * random time, uniform in [mean - jitter, mean + jitter] ms (what {@code netem delay MEAN JITTER} does without a
 * distribution table). Side A's link points at socket A of the relay, side B's at socket B; what arrives at A is
 * sent from B to side B's address and back the other way, so each end sees the datagrams come from the address its
 * static link names (the link's automatic access-list entry still matches).
 *
 * <p>Arguments: {@code A_BIND_IP:PORT A_PEER_IP:PORT B_BIND_IP:PORT B_PEER_IP:PORT}. Commands on stdin:
 * {@code delay MEAN JITTER}, {@code stats} ({@code RELAY forwarded=N delayed=N mean_delay_ms=N}), {@code quit};
 * each is answered with {@code OK word}. Prints {@code READY} once both sockets are bound.
 */
public final class ImpairmentRelay {
    private final AtomicLong meanMs = new AtomicLong();
    private final AtomicLong jitterMs = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong delaySumMs = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay-timer");
        t.setDaemon(true);
        return t;
    });

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DatagramSocket a = new DatagramSocket(address(args[0]));
        DatagramSocket b = new DatagramSocket(address(args[2]));
        ImpairmentRelay relay = new ImpairmentRelay();
        relay.pump(a, b, address(args[3]));
        relay.pump(b, a, address(args[1]));
        out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "delay" -> {
                    relay.meanMs.set(Long.parseLong(w[1]));
                    relay.jitterMs.set(Long.parseLong(w[2]));
                }
                case "stats" -> {
                    long d = relay.delayed.get();
                    out.println("RELAY forwarded=" + relay.forwarded.get() + " delayed=" + d
                            + " mean_delay_ms=" + (d == 0 ? 0 : relay.delaySumMs.get() / d));
                }
                case "quit" -> {
                    out.println("OK quit");
                    System.exit(0);
                }
                default -> {
                    out.println("ERR " + w[0]);
                    continue;
                }
            }
            out.println("OK " + w[0]);
        }
        System.exit(0);
    }

    private static InetSocketAddress address(String hostPort) {
        int c = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, c), Integer.parseInt(hostPort.substring(c + 1)));
    }

    /** Everything arriving at {@code from} leaves through {@code to} towards {@code target}, delayed as set. */
    private void pump(DatagramSocket from, DatagramSocket to, InetSocketAddress target) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            while (true) {
                try {
                    in.setLength(buf.length);
                    from.receive(in);
                    byte[] copy = Arrays.copyOf(in.getData(), in.getLength());
                    long mean = meanMs.get();
                    long jitter = jitterMs.get();
                    long delay = Math.max(0, mean + (jitter == 0 ? 0
                            : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1)));
                    DatagramPacket outPacket = new DatagramPacket(copy, copy.length, target);
                    if (delay == 0) {
                        send(to, outPacket);
                    } else {
                        delayed.incrementAndGet();
                        delaySumMs.addAndGet(delay);
                        timer.schedule(() -> send(to, outPacket), delay, TimeUnit.MILLISECONDS);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "relay-" + from.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private void send(DatagramSocket to, DatagramPacket p) {
        try {
            to.send(p);
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // the far end's interface is down: the datagram is lost, as it would be on the wire
        }
    }
}
