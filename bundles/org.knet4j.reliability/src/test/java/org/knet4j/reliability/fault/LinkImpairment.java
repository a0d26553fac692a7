package org.knet4j.reliability.fault;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loss and jitter on host 1's link 0. First choice {@code tc qdisc ... netem loss L% delay D ms J ms} on host 1's
 * veth (egress). Where the kernel refuses netem (no sch_netem), loss is an nftables rule in host 1's namespace
 * ({@code oifname VETH numgen random mod 100 < L drop}, egress, with a counter) and jitter comes from the
 * {@link ImpairmentRelay} that link 0 between hosts 1 and 2 already goes through (both directions of that pair
 * only). {@link #mechanism()} says which.
 */
final class LinkImpairment implements AutoCloseable {
    private static final String TABLE = "kftloss";
    private static final Pattern COUNTER = Pattern.compile("packets (\\d+) bytes");

    private final FaultCluster cluster;
    private String mechanism = "none";

    LinkImpairment(FaultCluster cluster) {
        this.cluster = cluster;
    }

    /** Apply {@code lossPercent}% loss and a delay of {@code delayMs} ± {@code jitterMs} ms. */
    void apply(int lossPercent, int delayMs, int jitterMs) throws IOException, InterruptedException {
        FaultTopology t = cluster.topology;
        Shell.Result netem = Shell.run(List.of("ip", "netns", "exec", t.nodeNs(1), "tc", "qdisc", "add", "dev",
                t.veth(1, 0), "root", "netem", "loss", lossPercent + "%", "delay", delayMs + "ms", jitterMs + "ms"));
        if (netem.ok()) {
            mechanism = "netem";
            return;
        }
        String rules = "table inet " + TABLE + " {\n"
                + "  chain out {\n"
                + "    type filter hook output priority 0; policy accept;\n"
                + "    oifname \"" + t.veth(1, 0) + "\" numgen random mod 100 < " + lossPercent + " counter drop\n"
                + "  }\n"
                + "}\n";
        Shell.Result nft = Shell.run(List.of("ip", "netns", "exec", t.nodeNs(1), "nft", "-f", "-"), rules);
        if (!nft.ok()) {
            throw new IllegalStateException("neither netem (" + netem.output().trim() + ") nor nftables ("
                    + nft.output().trim() + ") can impair the link");
        }
        cluster.relay().command("delay " + delayMs + " " + jitterMs);
        mechanism = "nft-numgen-loss+udp-relay-jitter (netem refused: " + netem.output().trim() + ")";
    }

    String mechanism() {
        return mechanism;
    }

    /** Packets the loss rule dropped (-1 with netem, whose drops are not read here). */
    long dropped() {
        if (!mechanism.startsWith("nft")) {
            return -1;
        }
        Shell.Result r = Shell.run(List.of("ip", "netns", "exec", cluster.topology.nodeNs(1), "nft", "list", "table",
                "inet", TABLE));
        Matcher m = COUNTER.matcher(r.output());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Remove whichever impairment was applied. */
    @Override
    public void close() throws IOException, InterruptedException {
        FaultTopology t = cluster.topology;
        if (mechanism.equals("netem")) {
            Shell.run(List.of("ip", "netns", "exec", t.nodeNs(1), "tc", "qdisc", "del", "dev", t.veth(1, 0), "root"));
        } else if (mechanism.startsWith("nft")) {
            Shell.run(List.of("ip", "netns", "exec", t.nodeNs(1), "nft", "delete", "table", "inet", TABLE));
            cluster.relay().command("delay 0 0");
        }
        mechanism = "none";
    }
}
