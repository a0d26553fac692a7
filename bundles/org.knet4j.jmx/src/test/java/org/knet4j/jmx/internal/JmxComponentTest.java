package org.knet4j.jmx.internal;

import org.knet4j.core.testing.LinkedHandles;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.LinkConfig;

/** The component: it polls on its own, follows a new interval, and takes every MBean away when it stops. */
class JmxComponentTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private LinkedHandles pair;

    @BeforeEach
    void setUp() throws Exception {
        pair = new LinkedHandles();
        assertThat(pair.awaitReachable()).as("the two handles link up").isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        pair.close();
        assertThat(ours()).as("nothing left behind").isEmpty();
    }

    private static ObjectName name(String s) throws Exception {
        return new ObjectName(s);
    }

    private Set<ObjectName> ours() throws Exception {
        return server.queryNames(name("org.knet4j:*"), null);
    }

    @Test
    void theComponentPollsAndRemovesEverythingWhenStopped() throws Exception {
        JmxComponent component = new JmxComponent(pair.knet, server, 100);
        try {
            assertThat(within(Duration.ofSeconds(5), () -> ours().size() == 4)).as("published by polling").isTrue();
            pair.two.close();
            assertThat(within(Duration.ofSeconds(5), () -> ours().size() == 2)).as("handle 2 gone").isTrue();
            pair.one.hostAdd(7);
            pair.one.linkSetConfig(7, 1, LinkConfig.udp(new InetSocketAddress("127.0.0.1", 6231),
                    new InetSocketAddress("127.0.0.1", 6232)));
            assertThat(within(Duration.ofSeconds(5), () -> server.isRegistered(
                    name("org.knet4j:type=Link,hostId=1,peer=7,link=1")))).as("new link").isTrue();
        } finally {
            component.deactivate();
        }
        assertThat(ours()).isEmpty();
    }

    /** The configuration DS would pass: an instance of the configuration annotation with every member answered. */
    static JmxConfig config(long pollMs) {
        return new JmxConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return JmxConfig.class;
            }

            @Override
            public long pollIntervalMs() {
                return pollMs;
            }
        };
    }

    @Test
    void aNewPollIntervalTakesEffectWithoutRestart() throws Exception {
        JmxComponent component = new JmxComponent(pair.knet, config(600_000)); // the DS constructor
        try {
            // the first poll runs at once, the next only in 10 minutes
            assertThat(within(Duration.ofSeconds(5), () -> ours().size() == 4)).isTrue();
            pair.one.hostAdd(5);
            pair.one.linkSetConfig(5, 0, LinkConfig.udp(new InetSocketAddress("127.0.0.1", 6241),
                    new InetSocketAddress("127.0.0.1", 6242)));
            ObjectName added = name("org.knet4j:type=Link,hostId=1,peer=5,link=0");
            Thread.sleep(500);
            assertThat(server.isRegistered(added)).as("not polled yet").isFalse();
            component.modified(config(100));
            assertThat(within(Duration.ofSeconds(5), () -> server.isRegistered(added))).isTrue();
            component.modified(config(0)); // below the floor: polls every 50 ms instead of failing
            pair.one.linkClearConfig(5, 0);
            assertThat(within(Duration.ofSeconds(5), () -> !server.isRegistered(added))).isTrue();
        } finally {
            component.deactivate();
        }
        assertThat(ours()).isEmpty();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static boolean within(Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(20);
        }
        return check.ok();
    }}
