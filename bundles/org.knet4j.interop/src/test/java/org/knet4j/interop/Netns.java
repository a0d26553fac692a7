package org.knet4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces this test run makes and deletes itself, joined by one veth pair: namespace {@code a} with
 * its end at MTU {@code mtuA} and address {@link #addressA}, namespace {@code b} likewise. Every name starts with
 * the test's prefix so parallel runs and other helpers never clash. Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN).
 */
final class Netns implements AutoCloseable {
    final String nsA;
    final String nsB;
    final String addressA;
    final String addressB;

    private Netns(String nsA, String nsB, String addressA, String addressB) {
        this.nsA = nsA;
        this.nsB = nsB;
        this.addressA = addressA;
        this.addressB = addressB;
    }

    /** Null if this process may make namespaces; otherwise why not (for a JUnit assumption). */
    static String whyNot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            if (!uid.equals("0")) {
                return "network namespace tests need root (uid 0), this is uid " + uid;
            }
            Process ip = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
            ip.getInputStream().readAllBytes();
            if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
                return "iproute2's ip is not usable";
            }
            return null;
        } catch (IOException e) {
            return "cannot run id/ip: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * @param name   the namespace names' stem, e.g. {@code kpm1234x}: the namespaces are {@code <name>a} and
     *               {@code <name>b}, their veth ends the same (at most 15 characters)
     * @param subnet the third octet of 10.213.X.0/24
     */
    static Netns create(String name, int subnet, int mtuA, int mtuB) throws IOException, InterruptedException {
        String a = name + "a";
        String b = name + "b";
        Netns n = new Netns(a, b, "10.213." + subnet + ".1", "10.213." + subnet + ".2");
        try {
            run("ip", "netns", "add", a);
            run("ip", "netns", "add", b);
            run("ip", "link", "add", a, "netns", a, "type", "veth", "peer", "name", b, "netns", b);
            run("ip", "-n", a, "addr", "add", n.addressA + "/24", "dev", a);
            run("ip", "-n", b, "addr", "add", n.addressB + "/24", "dev", b);
            run("ip", "-n", a, "link", "set", a, "mtu", Integer.toString(mtuA), "up");
            run("ip", "-n", b, "link", "set", b, "mtu", Integer.toString(mtuB), "up");
            run("ip", "-n", a, "link", "set", "lo", "up");
            run("ip", "-n", b, "link", "set", "lo", "up");
            return n;
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    /** {@code ip netns exec NS} followed by {@code command}. */
    static List<String> in(String ns, List<String> command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(command);
        return c;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** Delete both namespaces (the veth pair goes with them); quiet if they are already gone. */
    @Override
    public void close() throws InterruptedException {
        for (String ns : new String[] {nsA, nsB}) {
            try {
                Process p = new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                // nothing was made
            }
        }
    }
}
