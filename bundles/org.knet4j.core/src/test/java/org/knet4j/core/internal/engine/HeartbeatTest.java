package org.knet4j.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.core.testing.Nodes;

/** Link up and down by libknet's heartbeat rules (WIRE.md §3). */
class HeartbeatTest {
    private final MemoryTransport transport = new MemoryTransport();
    private KnetHandle a;
    private KnetHandle b;

    @BeforeEach
    void setUp() throws Exception {
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        a = Nodes.node(knet, 1);
        b = Nodes.node(knet, 2);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        transport.shutdown();
    }

    @Test
    void linkComesUpOnPongCountPlusOneAndReportsLatency() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        a.enableHostStatusNotify((id, st) -> events.add("host " + id + " " + st.reachable()));
        a.enableLinkStatusNotify((id, link, up) -> events.add("link " + id + "/" + link + " " + up));
        Nodes.link(a, 2, 0, Nodes.local(7001), Nodes.local(7002));
        a.linkSetPongCount(2, 0, 4);
        Nodes.link(b, 1, 0, Nodes.local(7002), Nodes.local(7001));
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        LinkStatus st = a.linkGetStatus(2, 0);
        assertThat(st.connected()).isTrue();
        // up on pong number pong_count + 1: at least 5 pongs counted by the time it is up
        assertThat(st.stats().rxPongPackets()).isGreaterThanOrEqualTo(5);
        assertThat(st.stats().upCount()).isEqualTo(1);
        assertThat(st.stats().latencySamples()).isGreaterThanOrEqualTo(5);
        assertThat(st.latencyUs()).isLessThan(1_000_000);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).containsExactly("link 2/0 true", "host 2 true");
    }

    @Test
    void linkGoesDownWhenPongsStopAndComesBack() throws Exception {
        Nodes.link(a, 2, 0, Nodes.local(7003), Nodes.local(7004));
        Nodes.link(b, 1, 0, Nodes.local(7004), Nodes.local(7003));
        a.linkSetPingTimers(2, 0, new PingTimers(50, 200, 2048));
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        transport.setDrop(d -> true); // the path goes silent
        long cut = System.nanoTime();
        long deadline = cut + 5_000_000_000L;
        while (a.hostGetStatus(2).reachable() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long tookMs = (System.nanoTime() - cut) / 1_000_000;
        assertThat(a.hostGetStatus(2).reachable()).isFalse();
        // right after link-up the backoff multiplies the 200 ms timeout by up to 10
        assertThat(tookMs).isBetween(150L, 2500L);
        assertThat(a.linkGetStatus(2, 0).stats().downCount()).isEqualTo(2); // enable + this down
        transport.setDrop(d -> false);
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
    }

    @Test
    void disablingTakesTheLinkOutAtOnce() throws Exception {
        Nodes.link(a, 2, 0, Nodes.local(7005), Nodes.local(7006));
        Nodes.link(b, 1, 0, Nodes.local(7006), Nodes.local(7005));
        Nodes.awaitReachable(a, 2, Duration.ofSeconds(5));
        a.linkSetEnable(2, 0, false);
        assertThat(a.hostGetStatus(2).reachable()).isFalse();
        assertThat(a.linkGetStatus(2, 0).connected()).isFalse();
    }
}
