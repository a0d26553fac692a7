package org.knet4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A network namespace of the test's own ({@code kln<pid>-<n>}), with lo up (so 127.0.0.1 and 127.0.0.2 work), in
 * which peers run and an nftables rule can drop a link's packets. Removed on close, also after a failure.
 * Needs root, ip and nft; {@link #unavailableReason()} says why not.
 */
final class NetNamespace implements AutoCloseable {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final String name;

    private NetNamespace(String name) {
        this.name = name;
    }

    /** Null if namespaces with nftables can be made here, else why not. */
    static String unavailableReason() {
        try {
            String uid = run(List.of("id", "-u")).trim();
            if (!uid.equals("0")) {
                return "not root (uid " + uid + "): network namespaces and nftables need root";
            }
            run(List.of("nft", "--version"));
            run(List.of("ip", "-V"));
            return null;
        } catch (IOException | InterruptedException e) {
            return "no ip/nft here: " + e.getMessage();
        }
    }

    static NetNamespace create() throws IOException, InterruptedException {
        String name = "kln" + ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        NetNamespace ns = new NetNamespace(name);
        try {
            run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
            return ns;
        } catch (IOException | InterruptedException e) {
            ns.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    /** Drop, from now on, every UDP packet inside the namespace to or from one of {@code ports}. */
    void dropUdp(int... ports) throws IOException, InterruptedException {
        String set = java.util.Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String rules = "table inet kln {\n"
                + "  chain in { type filter hook input priority 0; policy accept;\n"
                + "    udp dport { " + set + " } drop\n"
                + "    udp sport { " + set + " } drop\n"
                + "  }\n"
                + "}\n";
        Process p = new ProcessBuilder("ip", "netns", "exec", name, "nft", "-f", "-").redirectErrorStream(true)
                .start();
        p.getOutputStream().write(rules.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nft in " + name + " failed: " + out + "\n" + rules);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "del", name));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
