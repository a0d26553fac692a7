package org.knet4j.reliability.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The nodes of a {@link FaultTopology}, each a {@link FaultNode} process in its namespace, and the link events
 * they print. Closing it kills every process and deletes the namespaces.
 */
final class FaultCluster implements AutoCloseable {
    /** Heartbeat timers of every link: 100 ms pings, 1000 ms timeout, 2 pongs to come up. */
    static final int PING_INTERVAL_MS = 100;
    static final int PING_TIMEOUT_MS = 1000;
    static final int PONG_COUNT = 2;
    /**
     * libknet multiplies the timeout by a backoff that starts at 10 after a link is configured or goes down and
     * drops by one per second: only 9 s after its last down is a link's timeout the configured one.
     */
    static final Duration BACKOFF_SETTLE = Duration.ofMillis(10_500);

    final FaultTopology topology;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<NodeProcess> helpers = new ArrayList<>();

    private FaultCluster(FaultTopology topology) {
        this.topology = topology;
    }

    /**
     * Build the topology and start one node per host, each sending {@code rate} messages/s of {@code size} bytes
     * to every peer under {@code policy}, link 1 preferred; with {@code relay}, the {@link ImpairmentRelay} between
     * hosts 1 and 2 on link 0 first.
     */
    static FaultCluster start(FaultTopology topology, int nodeCount, boolean relay, int rate, int size, String policy)
            throws IOException, InterruptedException {
        FaultCluster c = new FaultCluster(topology);
        try {
            topology.create();
            if (relay) {
                NodeProcess r = NodeProcess.start("relay", topology.switchNs(), ImpairmentRelay.class,
                        FaultTopology.relayArgs());
                c.helpers.add(r);
                r.await(0, "READY"::equals, Duration.ofSeconds(20), "READY");
            }
            for (int id = 1; id <= nodeCount; id++) {
                List<String> args = new ArrayList<>(List.of("--id", String.valueOf(id), "--rate", String.valueOf(rate),
                        "--size", String.valueOf(size), "--policy", policy, "--high-link", "1",
                        "--ping-interval", String.valueOf(PING_INTERVAL_MS),
                        "--ping-timeout", String.valueOf(PING_TIMEOUT_MS), "--pong-count", String.valueOf(PONG_COUNT)));
                args.addAll(topology.linkArgs(id));
                c.nodes.add(NodeProcess.start("node" + FaultTopology.letter(id), topology.nodeNs(id), FaultNode.class,
                        args));
            }
            for (NodeProcess n : c.nodes) {
                n.await(0, l -> l.startsWith("READY"), Duration.ofSeconds(40), "READY");
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** Host {@code id}'s node (1-based). */
    NodeProcess node(int id) {
        return nodes.get(id - 1);
    }

    List<NodeProcess> nodes() {
        return nodes;
    }

    NodeProcess relay() {
        return helpers.get(0);
    }

    /** Every command to every node. */
    void all(String command) throws IOException, InterruptedException {
        for (NodeProcess n : nodes) {
            n.command(command);
        }
    }

    /**
     * Wait (bounded) until every node sees every link up and no link changed state for {@link #BACKOFF_SETTLE}, so
     * that each link's timeout is the configured one again.
     */
    void awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long lastChange = 0;
            boolean allUp = true;
            for (NodeProcess n : nodes) {
                Map<String, Boolean> state = new HashMap<>();
                for (NodeProcess.Line l : n.linesFrom(0)) {
                    if (l.text().startsWith("LINK ")) {
                        Map<String, Long> f = NodeProcess.fields(l.text());
                        state.put(f.get("peer") + "/" + f.get("link"), f.get("up") == 1);
                        lastChange = Math.max(lastChange, l.nanos());
                    }
                }
                int expected = (nodes.size() - 1) * FaultTopology.LINKS;
                allUp &= state.size() == expected && !state.containsValue(false);
            }
            long now = System.nanoTime();
            if (allUp && now - lastChange >= BACKOFF_SETTLE.toNanos()) {
                return;
            }
            if (now - deadline > 0) {
                throw new AssertionError("links did not settle within " + timeout.toMillis() + " ms (all up: "
                        + allUp + ")");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The LINK events of every node from the marks on: "nodeX peer=P link=L up=U" strings. */
    List<String> linkEvents(int[] marks) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (NodeProcess.Line l : nodes.get(i).linesFrom(marks[i])) {
                if (l.text().startsWith("LINK ")) {
                    events.add(nodes.get(i).name() + " " + l.text().substring(l.text().indexOf("peer=")));
                }
            }
        }
        return events;
    }

    int[] marks() {
        int[] m = new int[nodes.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = nodes.get(i).mark();
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess n : nodes) {
            n.close();
        }
        for (NodeProcess h : helpers) {
            h.close();
        }
        topology.close();
    }
}
