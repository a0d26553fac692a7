package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.PingTimers;
import org.knet4j.core.Knet4j;

/**
 * An access list refusing a peer: the Java node's link to the C node (libknet 1.25) is dynamic, as access-list
 * entries may only be set on dynamic links, and its list rejects 127.0.0.1, where the C node sends from. The C
 * node's pings are refused and counted, the link stays down on both sides; once the rejecting entry is removed
 * the same C node's link comes up, so it was the list that kept it down.
 */
class AccessListInteropTest {
    private static Knet knet;

    @BeforeAll
    static void setUp() throws Exception {
        CPeer.binary();
        knet = Knet4j.create();
    }

    @AfterAll
    static void tearDown() {
        Knet4j.shutdown(knet);
    }

    private static String[] cArgs(int cPort, int javaPort, int timeoutS) {
        return new String[] {"--id", "2", "--peer-id", "1", "--bind", "127.0.0.1:" + cPort,
            "--peer", "127.0.0.1:" + javaPort, "--mode", "recv", "--count", "1", "--timeout", "" + timeoutS,
            "--ping-interval", "100", "--ping-timeout", "1000"};
    }

    @Test
    void javaListRejectingTheCPeerKeepsTheLinkDown() throws Exception {
        int base = Ports.freeRange(2);
        int javaPort = base;
        int cPort = base + 1;
        KnetHandle h = knet.newHandle(HandleOptions.of(1));
        try {
            h.enableSockNotify((c, d, e, r) -> { });
            h.hostAdd(2);
            h.linkSetConfig(2, 0, LinkConfig.udp(new InetSocketAddress("127.0.0.1", javaPort), null));
            h.linkSetPingTimers(2, 0, new PingTimers(100, 1000, 2048));
            h.linkSetPongCount(2, 0, 2);
            AclEntry reject = new AclEntry(InetAddress.getByName("127.0.0.1"), null, AclCheckType.ADDRESS,
                    AclAction.REJECT);
            h.linkAddAcl(2, 0, reject);
            h.linkAddAcl(2, 0, new AclEntry(InetAddress.getByName("127.0.0.0"), InetAddress.getByName("255.0.0.0"),
                    AclCheckType.MASK, AclAction.ACCEPT));
            h.linkSetEnable(2, 0, true);
            h.setForwarding(true);
            assertThat(h.accessListsEnabled()).isTrue();

            try (CPeer c = new CPeer(cArgs(cPort, javaPort, 3))) {
                boolean everReachable = false;
                long deadline = System.nanoTime() + 3_500_000_000L;
                while (System.nanoTime() < deadline && !everReachable) {
                    everReachable = h.hostGetStatus(2).reachable();
                    Thread.sleep(20);
                }
                int exit = c.awaitExit(10_000);
                String logs = c.log();
                assertThat(everReachable).as(logs).isFalse();
                assertThat(exit).as("the C node timed out waiting for us\n" + logs).isEqualTo(3);
                assertThat(c.awaitLine("TIMEOUT", 1000)).as(logs).isTrue();
                // about ten pings a second for three seconds: all refused, before decryption or parsing
                assertThat(h.getStats().rxAclRefusedPackets()).as(logs).isGreaterThanOrEqualTo(10);
                assertThat(h.linkGetStatus(2, 0).destination()).isNull();
                assertThat(h.linkGetStatus(2, 0).stats().rxPingPackets()).isZero();
            }

            h.linkRmAcl(2, 0, reject);
            try (CPeer c = new CPeer(cArgs(cPort, javaPort, 10))) {
                assertThat(c.awaitLine("READY", 10_000)).as(c.log()).isTrue();
                assertThat(h.hostGetStatus(2).reachable() || awaitReachable(h, 2_000)).as(c.log()).isTrue();
                assertThat(h.linkGetStatus(2, 0).destination()).isEqualTo(new InetSocketAddress("127.0.0.1", cPort));
            }
        } finally {
            h.close();
        }
    }

    /** The reverse: the C node's dynamic link with libknet's list rejecting 127.0.0.1, the Java node static. */
    @Test
    void cListRejectingTheJavaPeerKeepsTheLinkDown() throws Exception {
        int base = Ports.freeRange(2);
        int javaPort = base;
        int cPort = base + 1;
        KnetHandle h = knet.newHandle(HandleOptions.of(1));
        try {
            h.enableSockNotify((c, d, e, r) -> { });
            h.hostAdd(2);
            h.linkSetConfig(2, 0, LinkConfig.udp(new InetSocketAddress("127.0.0.1", javaPort),
                    new InetSocketAddress("127.0.0.1", cPort)));
            h.linkSetPingTimers(2, 0, new PingTimers(100, 1000, 2048));
            h.linkSetPongCount(2, 0, 2);
            h.linkSetEnable(2, 0, true);
            h.setForwarding(true);

            try (CPeer c = new CPeer(withAcl(cArgs(cPort, javaPort, 3), "127.0.0.1"))) {
                boolean everReachable = false;
                long deadline = System.nanoTime() + 3_500_000_000L;
                while (System.nanoTime() < deadline && !everReachable) {
                    everReachable = h.hostGetStatus(2).reachable();
                    Thread.sleep(20);
                }
                int exit = c.awaitExit(10_000);
                String logs = c.log();
                assertThat(everReachable).as(logs).isFalse();
                assertThat(exit).as("the C node timed out waiting for us\n" + logs).isEqualTo(3);
                assertThat(logs).contains("Packet rejected from 127.0.0.1");
                assertThat(h.linkGetStatus(2, 0).stats().rxPongPackets()).isZero();
            }

            // the same C node rejecting another address takes our pings: the link comes up
            try (CPeer c = new CPeer(withAcl(cArgs(cPort, javaPort, 10), "127.0.0.9"))) {
                assertThat(c.awaitLine("READY", 10_000)).as(c.log()).isTrue();
                assertThat(h.hostGetStatus(2).reachable() || awaitReachable(h, 2_000)).as(c.log()).isTrue();
            }
        } finally {
            h.close();
        }
    }

    private static String[] withAcl(String[] args, String reject) {
        String[] a = java.util.Arrays.copyOf(args, args.length + 3);
        a[args.length] = "--dynamic";
        a[args.length + 1] = "--acl-reject";
        a[args.length + 2] = reject;
        return a;
    }

    private static boolean awaitReachable(KnetHandle h, long ms) throws Exception {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (h.hostGetStatus(2).reachable()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
