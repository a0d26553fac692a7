package org.knet4j.reliability.fault;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The test network: one namespace per node ({@code PREFIX A}, {@code B}, {@code C}: hosts 1, 2, 3) and a switch
 * namespace ({@code PREFIX S}) holding two bridges, one per link network: 10.71.0.0/24 for link 0 and 10.71.1.0/24
 * for link 1. Node i has the veth {@code PREFIX<letter><l>} with address 10.71.l.i on network l; the switch has
 * 10.71.l.254 (where the {@link ImpairmentRelay} listens).
 *
 * <p>Ports: node i's link l to peer p binds 6000 + 100i + 10p + l and sends to 6000 + 100p + 10i + l on the peer.
 * With the relay, link 0 between hosts 1 and 2 goes through the switch instead: host 1 sends to 10.71.0.254:7001,
 * host 2 to 10.71.0.254:7002.
 *
 * <p>Without a prefix ({@link #loopback}) there are no namespaces: every node is on 127.0.0.1 (same ports), for
 * runs without root, where links can only be failed through the API.
 */
final class FaultTopology implements AutoCloseable {
    static final int LINKS = 2;
    static final int RELAY_PORT_A = 7001;
    static final int RELAY_PORT_B = 7002;

    private final String prefix;
    private final int nodes;
    private final boolean relayOnLink0;

    FaultTopology(String prefix, int nodes, boolean relayOnLink0) {
        this.prefix = prefix;
        this.nodes = nodes;
        this.relayOnLink0 = relayOnLink0;
    }

    /** {@code nodes} nodes on 127.0.0.1, no namespaces, no relay. */
    static FaultTopology loopback(int nodes) {
        return new FaultTopology(null, nodes, false);
    }

    boolean isLoopback() {
        return prefix == null;
    }

    String switchNs() {
        return prefix + "S";
    }

    /** The namespace of host {@code id} (1-based); null on loopback. */
    String nodeNs(int id) {
        return prefix == null ? null : prefix + letter(id);
    }

    /** Host {@code id}'s interface on link network {@code link} (inside its namespace). */
    String veth(int id, int link) {
        return prefix + letter(id) + link;
    }

    static String letter(int id) {
        return String.valueOf((char) ('A' + id - 1));
    }

    static String ip(int id, int link) {
        return "10.71." + link + "." + id;
    }

    static String switchIp(int link) {
        return "10.71." + link + ".254";
    }

    /** Remove leftovers of an earlier run, then build namespaces, bridges, veths and addresses. */
    void create() {
        if (isLoopback()) {
            return;
        }
        delete();
        ExitCleanup.register(this, this::delete);
        Shell.must(List.of("ip", "netns", "add", switchNs()));
        for (int l = 0; l < LINKS; l++) {
            String br = prefix + "br" + l;
            Shell.must(List.of("ip", "-n", switchNs(), "link", "add", br, "type", "bridge"));
            Shell.must(List.of("ip", "-n", switchNs(), "addr", "add", switchIp(l) + "/24", "dev", br));
            Shell.must(List.of("ip", "-n", switchNs(), "link", "set", br, "up"));
        }
        Shell.must(List.of("ip", "-n", switchNs(), "link", "set", "lo", "up"));
        for (int id = 1; id <= nodes; id++) {
            String ns = nodeNs(id);
            Shell.must(List.of("ip", "netns", "add", ns));
            Shell.must(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            for (int l = 0; l < LINKS; l++) {
                String v = veth(id, l);
                Shell.must(List.of("ip", "-n", ns, "link", "add", v, "type", "veth", "peer", "name", v + "s",
                        "netns", switchNs()));
                Shell.must(List.of("ip", "-n", switchNs(), "link", "set", v + "s", "master", prefix + "br" + l, "up"));
                Shell.must(List.of("ip", "-n", ns, "addr", "add", ip(id, l) + "/24", "dev", v));
                Shell.must(List.of("ip", "-n", ns, "link", "set", v, "up"));
            }
        }
    }

    /** Delete every namespace of ours (their veths go with them); quiet about those that do not exist. */
    void delete() {
        if (isLoopback()) {
            return;
        }
        for (int id = 1; id <= nodes; id++) {
            Shell.run(List.of("ip", "netns", "del", nodeNs(id)));
        }
        Shell.run(List.of("ip", "netns", "del", switchNs()));
    }

    @Override
    public void close() {
        ExitCleanup.unregister(this);
        delete();
    }

    /** {@code ip link set down/up} of host {@code id}'s veth on network {@code link}. */
    void setLink(int id, int link, boolean up) {
        Shell.must(List.of("ip", "-n", nodeNs(id), "link", "set", veth(id, link), up ? "up" : "down"));
    }

    /** The {@code --link} arguments of host {@code id}: two links to every other host. */
    List<String> linkArgs(int id) {
        List<String> args = new ArrayList<>();
        for (int p = 1; p <= nodes; p++) {
            if (p == id) {
                continue;
            }
            for (int l = 0; l < LINKS; l++) {
                InetSocketAddress local = new InetSocketAddress(address(id, l), port(id, p, l));
                InetSocketAddress dest = new InetSocketAddress(address(p, l), port(p, id, l));
                if (relayOnLink0 && l == 0 && id <= 2 && p <= 2) {
                    dest = new InetSocketAddress(switchIp(0), id == 1 ? RELAY_PORT_A : RELAY_PORT_B);
                }
                args.add("--link");
                args.add(new LinkSpec(p, l, local, dest).format());
            }
        }
        return args;
    }

    private String address(int id, int link) {
        return isLoopback() ? "127.0.0.1" : ip(id, link);
    }

    /** Host {@code id}'s port for its link {@code link} to {@code peer}. */
    static int port(int id, int peer, int link) {
        return 6000 + 100 * id + 10 * peer + link;
    }

    /** The relay's arguments: socket A faces host 1's link 0 to host 2, socket B host 2's link 0 to host 1. */
    static List<String> relayArgs() {
        return List.of(switchIp(0) + ":" + RELAY_PORT_A, ip(1, 0) + ":" + port(1, 2, 0),
                switchIp(0) + ":" + RELAY_PORT_B, ip(2, 0) + ":" + port(2, 1, 0));
    }
}
