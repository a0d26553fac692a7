package org.knet4j.features;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Our peer tool (knet4j-peer.jar) in echo mode as the second node of a test, its output in a file. */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PeerProcess echo(Path jar, int id, int peerId, int bindPort, int peerPort, Path log) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--id", Integer.toString(id), "--peer-id", Integer.toString(peerId),
                "--bind", "127.0.0.1:" + bindPort, "--peer", "127.0.0.1:" + peerPort,
                "--mode", "echo", "--seconds", "240", "--timeout", "240")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PeerProcess(p, log);
    }

    static int[] freeUdpPorts(int n) throws IOException {
        int[] ports = new int[n];
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        return ports;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Poll the output every 100 ms for a line starting with {@code prefix}; false after {@code maxMs}. */
    boolean awaitLine(String prefix, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (System.nanoTime() - deadline < 0) {
            if (output().lines().anyMatch(l -> l.startsWith(prefix))) {
                return true;
            }
            if (!process.isAlive()) {
                return output().lines().anyMatch(l -> l.startsWith(prefix));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
