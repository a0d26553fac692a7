package org.knet4j.jmx.internal;

import org.knet4j.core.testing.LinkedHandles;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;

/** The MBeans of two linked handles of a real engine, read through the platform MBeanServer. */
class MBeanPublisherTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private LinkedHandles pair;
    private MBeanPublisher publisher;

    static ObjectName name(String s) throws Exception {
        return new ObjectName(s);
    }

    static final String HANDLE_1 = "org.knet4j:type=Handle,hostId=1";
    static final String LINK_1_2_0 = "org.knet4j:type=Link,hostId=1,peer=2,link=0";

    @BeforeEach
    void setUp() throws Exception {
        pair = new LinkedHandles();
        publisher = new MBeanPublisher(pair.knet, server);
        assertThat(pair.awaitReachable()).as("the two handles link up").isTrue();
        assertThat(pair.awaitPmtud()).as("the first PMTU discovery settles").isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.clear();
        pair.close();
        assertThat(ours()).as("nothing left behind").isEmpty();
    }

    private Object attr(String name, String attribute) throws Exception {
        return server.getAttribute(name(name), attribute);
    }

    private Set<ObjectName> ours() throws Exception {
        return server.queryNames(name("org.knet4j:*"), null);
    }

    @Test
    void aHandleAndEachLinkGetAnMXBeanNamedByIds() throws Exception {
        publisher.sync();
        assertThat(ours()).containsExactlyInAnyOrder(name(HANDLE_1), name("org.knet4j:type=Handle,hostId=2"),
                name(LINK_1_2_0), name("org.knet4j:type=Link,hostId=2,peer=1,link=0"));
        assertThat(server.getMBeanInfo(name(HANDLE_1)).getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
        assertThat(server.getMBeanInfo(name(LINK_1_2_0)).getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
        publisher.sync(); // idempotent
        assertThat(ours()).hasSize(4);
    }

    @Test
    void handleAttributesAreTheHandlesStatusAndStats() throws Exception {
        publisher.sync();
        assertThat(attr(HANDLE_1, "HostId")).isEqualTo(1);
        assertThat(attr(HANDLE_1, "Forwarding")).isEqualTo(true);
        assertThat(attr(HANDLE_1, "HostCount")).isEqualTo(1);
        assertThat(attr(HANDLE_1, "ReachableHostCount")).isEqualTo(1);
        assertThat(attr(HANDLE_1, "LinkCount")).isEqualTo(1);
        assertThat(attr(HANDLE_1, "ConnectedLinkCount")).isEqualTo(1);
        assertThat(attr(HANDLE_1, "PmtudInterval")).isEqualTo(60);
        assertThat(attr(HANDLE_1, "CryptoTxSlot")).isEqualTo(0);
        assertThat(attr(HANDLE_1, "CompressModel")).isEqualTo("none");
        assertThat((Integer) attr(HANDLE_1, "DataMtu")).isPositive();
        assertThat(attr(HANDLE_1, "RxMalformedPackets")).isEqualTo(0L);
        assertThat(attr(HANDLE_1, "RxAclRefusedPackets")).isEqualTo(0L);

        pair.one.setForwarding(false);
        pair.one.pmtudSetFreq(17);
        assertThat(attr(HANDLE_1, "Forwarding")).as("read live").isEqualTo(false);
        assertThat(attr(HANDLE_1, "PmtudInterval")).isEqualTo(17);
        pair.one.linkSetEnable(2, 0, false);
        assertThat(attr(HANDLE_1, "ConnectedLinkCount")).isEqualTo(0);
        assertThat(attr(HANDLE_1, "ReachableHostCount")).isEqualTo(0);
    }

    @Test
    void linkAttributesAreTheLinksStatusCountersAndHostReachability() throws Exception {
        publisher.sync();
        assertThat(attr(LINK_1_2_0, "HostId")).isEqualTo(1);
        assertThat(attr(LINK_1_2_0, "PeerHostId")).isEqualTo(2);
        assertThat(attr(LINK_1_2_0, "LinkId")).isEqualTo(0);
        assertThat(attr(LINK_1_2_0, "PeerName")).isEqualTo("2");
        assertThat(attr(LINK_1_2_0, "HostReachable")).isEqualTo(true);
        assertThat(attr(LINK_1_2_0, "Enabled")).isEqualTo(true);
        assertThat(attr(LINK_1_2_0, "Connected")).isEqualTo(true);
        assertThat(attr(LINK_1_2_0, "Dynconnected")).isEqualTo(true);
        assertThat(attr(LINK_1_2_0, "Source")).isEqualTo(LinkedHandles.ADDR_1.getHostString() + ":" + LinkedHandles.ADDR_1.getPort());
        assertThat(attr(LINK_1_2_0, "Destination")).isEqualTo(LinkedHandles.ADDR_2.getHostString() + ":" + LinkedHandles.ADDR_2.getPort());
        assertThat(attr(LINK_1_2_0, "PongCount")).isEqualTo(2);
        assertThat(attr(LINK_1_2_0, "Priority")).isEqualTo(0);
        assertThat((Integer) attr(LINK_1_2_0, "Mtu")).isEqualTo(pair.one.linkGetStatus(2, 0).mtu()).isPositive();
        assertThat((Integer) attr(LINK_1_2_0, "ProtoOverhead")).isPositive();
        assertThat((Long) attr(LINK_1_2_0, "LatencyUs")).isNotNegative();
        assertThat((Long) attr(LINK_1_2_0, "LastPongAgeMs")).isBetween(0L, 1000L);
        assertThat((Long) attr(LINK_1_2_0, "RxPongPackets")).isPositive();
        assertThat((Long) attr(LINK_1_2_0, "UpCount")).isEqualTo(1L);
        assertThat((long[]) attr(LINK_1_2_0, "LastUpTimes")).hasSize(1);
        assertThat((Long) attr(LINK_1_2_0, "TxDataPackets")).isZero();

        pair.one.sendSync(0, ByteBuffer.wrap("one".getBytes()));
        pair.one.sendSync(0, ByteBuffer.wrap("two".getBytes()));
        assertThat(attr(LINK_1_2_0, "TxDataPackets")).as("read live").isEqualTo(2L);
        pair.transport.sync();
        assertThat(attr("org.knet4j:type=Link,hostId=2,peer=1,link=0", "RxDataPackets")).isEqualTo(2L);

        pair.one.linkSetEnable(2, 0, false);
        assertThat(attr(LINK_1_2_0, "Enabled")).isEqualTo(false);
        assertThat(attr(LINK_1_2_0, "Connected")).isEqualTo(false);
        assertThat(attr(LINK_1_2_0, "HostReachable")).isEqualTo(false);
    }

    @Test
    void removedLinksAndHostsLoseTheirMBeansAndNewOnesGetThem() throws Exception {
        publisher.sync();
        pair.one.linkSetEnable(2, 0, false);
        pair.one.linkClearConfig(2, 0);
        publisher.sync();
        assertThat(ours()).doesNotContain(name(LINK_1_2_0)).contains(name(HANDLE_1));

        pair.one.linkSetConfig(2, 3, LinkConfig.udp(new InetSocketAddress("127.0.0.1", 6211),
                new InetSocketAddress("127.0.0.1", 6212)));
        pair.one.hostAdd(9);
        pair.one.linkSetConfig(9, 0, LinkConfig.udp(new InetSocketAddress("127.0.0.1", 6221),
                new InetSocketAddress("127.0.0.1", 6222)));
        publisher.sync();
        assertThat(ours()).contains(name("org.knet4j:type=Link,hostId=1,peer=2,link=3"),
                name("org.knet4j:type=Link,hostId=1,peer=9,link=0"));
        assertThat(attr("org.knet4j:type=Link,hostId=1,peer=9,link=0", "Enabled")).isEqualTo(false);

        pair.one.linkClearConfig(9, 0);
        pair.one.hostRemove(9);
        publisher.sync();
        assertThat(ours()).doesNotContain(name("org.knet4j:type=Link,hostId=1,peer=9,link=0"));
    }

    @Test
    void freeingAHandleRemovesItsMBeans() throws Exception {
        publisher.sync();
        pair.two.close();
        publisher.sync();
        assertThat(server.queryNames(name("org.knet4j:hostId=2,*"), null)).isEmpty();
        assertThat(ours()).containsExactlyInAnyOrder(name(HANDLE_1), name(LINK_1_2_0));

        // a new handle with a freed handle's id takes over the name and is what the MBean reads
        KnetHandle again = pair.knet.newHandle(HandleOptions.of(2));
        again.pmtudSetFreq(33);
        publisher.sync();
        assertThat(attr("org.knet4j:type=Handle,hostId=2", "PmtudInterval")).isEqualTo(33);
    }

    @Test
    void handlesSharingAHostIdAreTold() throws Exception {
        KnetHandle twin = pair.knet.newHandle(HandleOptions.of(1));
        twin.pmtudSetFreq(44);
        publisher.sync();
        assertThat(attr("org.knet4j:type=Handle,hostId=1,instance=2", "PmtudInterval")).isEqualTo(44);
        assertThat(attr(HANDLE_1, "PmtudInterval")).isEqualTo(60);
    }

    @Test
    void aNameSomeoneElseHoldsIsLeftAlone() throws Exception {
        HandleMXBean stranger = new HandleView(pair.two);
        server.registerMBean(new StandardMBean(stranger, HandleMXBean.class, true), name(HANDLE_1));
        try {
            publisher.sync();
            assertThat(attr(HANDLE_1, "HostId")).as("still the stranger's").isEqualTo(2);
            assertThat(publisher.registeredNames()).doesNotContain(name(HANDLE_1)).contains(name(LINK_1_2_0));
            publisher.clear();
            assertThat(server.isRegistered(name(HANDLE_1))).isTrue();
        } finally {
            server.unregisterMBean(name(HANDLE_1));
        }
    }
}
