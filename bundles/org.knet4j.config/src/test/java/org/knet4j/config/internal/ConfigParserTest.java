package org.knet4j.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LogLevel;
import org.knet4j.api.PingTimers;
import org.knet4j.api.TransportType;

class ConfigParserTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[256]);

    static Map<String, Object> minimal() {
        Map<String, Object> p = new HashMap<>();
        p.put("host.id", 1);
        return p;
    }

    @Test
    void absentPropertiesTakeLibknetDefaults() throws Exception {
        NodeConfig c = ConfigParser.parse(minimal());
        assertThat(c.hostId()).isEqualTo(1);
        assertThat(c.logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(c.forwarding()).isFalse();
        assertThat(c.pmtudInterval()).isEqualTo(KnetHandle.PMTUD_DEFAULT_INTERVAL);
        assertThat(c.mtu()).isZero();
        assertThat(c.crypto().enabled()).isFalse();
        assertThat(c.compress().model()).isEqualTo("none");
        assertThat(c.channel()).isEqualTo(-1);
        assertThat(c.hosts()).isEmpty();
    }

    @Test
    void flatKeysAsStringsFromACfgFile() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("host.id", "7");
        p.put("log.level", "debug");
        p.put("forwarding", "true");
        p.put("pmtud.interval", "5");
        p.put("pmtud.mtu", "1500");
        p.put("compress.model", "zlib");
        p.put("compress.level", "9");
        p.put("compress.threshold", "200");
        p.put("channel", "3");
        p.put("host.2.name", "node2");
        p.put("host.2.policy", "active");
        p.put("link.2.0", "udp:127.0.0.1:50000->127.0.0.1:50100;priority=1;ping=100/1000/2048;pong=2");
        p.put("link.2.1", "udp:127.0.0.1:50001;hiprio");
        p.put("link.7.0", "loopback:127.0.0.1:0");
        NodeConfig c = ConfigParser.parse(p);
        assertThat(c.hostId()).isEqualTo(7);
        assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(c.forwarding()).isTrue();
        assertThat(c.pmtudInterval()).isEqualTo(5);
        assertThat(c.mtu()).isEqualTo(1500);
        assertThat(c.compress().level()).isEqualTo(9);
        assertThat(c.compress().threshold()).isEqualTo(200);
        assertThat(c.channel()).isEqualTo(3);
        HostSpec h = c.hosts().get(2);
        assertThat(h.name()).isEqualTo("node2");
        assertThat(h.policy()).isEqualTo(LinkPolicy.ACTIVE);
        LinkSpec l0 = h.links().get(0);
        assertThat(l0.transport()).isEqualTo(TransportType.UDP);
        assertThat(l0.source()).isEqualTo(new InetSocketAddress("127.0.0.1", 50000));
        assertThat(l0.destination()).isEqualTo(new InetSocketAddress("127.0.0.1", 50100));
        assertThat(l0.priority()).isEqualTo(1);
        assertThat(l0.timers()).isEqualTo(new PingTimers(100, 1000, 2048));
        assertThat(l0.pongCount()).isEqualTo(2);
        LinkSpec l1 = h.links().get(1);
        assertThat(l1.destination()).isNull();
        assertThat(l1.hiprio()).isTrue();
        assertThat(l1.timers()).isEqualTo(PingTimers.DEFAULT);
        assertThat(l1.pongCount()).isEqualTo(KnetHandle.DEFAULT_PONG_COUNT);
        assertThat(c.hosts().get(7).links().get(0).transport()).isEqualTo(TransportType.LOOPBACK);
    }

    @Test
    void listFormAsFromJson() throws Exception {
        Map<String, Object> p = minimal();
        p.put("hosts", new String[] {"2;name=two;policy=rr", "3"});
        p.put("links", List.of("2.0=udp:127.0.0.1:1->127.0.0.1:2", "3.4=udp:[::1]:5->dynamic"));
        p.put("host.id", 1L);
        NodeConfig c = ConfigParser.parse(p);
        assertThat(c.hosts()).containsOnlyKeys(2, 3);
        assertThat(c.hosts().get(2).name()).isEqualTo("two");
        assertThat(c.hosts().get(2).policy()).isEqualTo(LinkPolicy.ROUND_ROBIN);
        assertThat(c.hosts().get(3).links().get(4).source().getPort()).isEqualTo(5);
        assertThat(c.hosts().get(3).links().get(4).destination()).isNull();
    }

    @Test
    void cryptoKeyFromBase64OrFile(@TempDir Path dir) throws Exception {
        Map<String, Object> p = minimal();
        p.put("crypto.model", "jce");
        p.put("crypto.cipher", "aes256");
        p.put("crypto.hash", "sha256");
        p.put("crypto.key", KEY);
        assertThat(ConfigParser.parse(p).crypto().key()).hasSize(256);
        Path key = dir.resolve("authkey");
        Files.write(key, new byte[300]);
        p.remove("crypto.key");
        p.put("crypto.key.file", key.toString());
        assertThat(ConfigParser.parse(p).crypto().key()).hasSize(300);
    }

    private static void refused(Map<String, Object> p, String property, String words) {
        assertThatThrownBy(() -> ConfigParser.parse(p)).isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).property()).isEqualTo(property))
                .hasMessageContaining(words);
    }

    @Test
    void refusesAndNamesTheProperty() {
        Map<String, Object> p = minimal();
        p.remove("host.id");
        refused(p, "host.id", "required");
        p = minimal();
        p.put("host.id", 65536);
        refused(p, "host.id", "out of range");
        p = minimal();
        p.put("host.id", "x");
        refused(p, "host.id", "not an integer");
        p = minimal();
        p.put("link.2.0", "udp:127.0.0.300:5->127.0.0.1:6");
        refused(p, "link.2.0", "bad address");
        p = minimal();
        p.put("link.2.0", "udp:localhost:5->127.0.0.1:6");
        refused(p, "link.2.0", "not a numeric IP");
        p = minimal();
        p.put("link.70000.0", "udp:127.0.0.1:5");
        refused(p, "link.70000.0", "host id 70000 is out of range");
        p = minimal();
        p.put("link.2.8", "udp:127.0.0.1:5");
        refused(p, "link.2.8", "link id 8");
        p = minimal();
        p.put("link.2.0", "sctp:127.0.0.1:5");
        refused(p, "link.2.0", "not udp or loopback");
        p = minimal();
        p.put("link.2.0", "udp:127.0.0.1:5;priority=256");
        refused(p, "link.2.0", "priority 256");
        p = minimal();
        p.put("link.2.0", "udp:127.0.0.1:5;ping=1/2");
        refused(p, "link.2.0", "INTERVAL/TIMEOUT/PRECISION");
        p = minimal();
        p.put("link.2.0", "loopback:127.0.0.1:5");
        refused(p, "link.2.0", "loopback");
        p = minimal();
        p.put("link.2.0", "udp:127.0.0.1:5");
        p.put("links", "2.0=udp:127.0.0.1:6");
        refused(p, "links[0]", "twice");
        p = minimal();
        p.put("crypto.model", "rot13");
        refused(p, "crypto.model", "unknown crypto model 'rot13'");
        p = minimal();
        p.put("crypto.model", "jce");
        p.put("crypto.cipher", "aes256");
        p.put("crypto.hash", "sha256");
        refused(p, "crypto.key.file", "exactly one");
        p.put("crypto.key", Base64.getEncoder().encodeToString(new byte[100]));
        refused(p, "crypto.key", "100 bytes is out of range 128..4096");
        p.put("crypto.hash", "none");
        refused(p, "crypto.hash", "needs a hash");
        p = minimal();
        p.put("compress.model", "zlib");
        p.put("compress.level", 10);
        refused(p, "compress.level", "out of range for zlib (-1..9)");
        p.put("compress.model", "lzo2");
        p.put("compress.level", 2);
        refused(p, "compress.level", "out of range for lzo2");
        p.put("compress.model", "snappy");
        refused(p, "compress.model", "unknown compression model");
        p = minimal();
        p.put("log.level", "verbose");
        refused(p, "log.level", "verbose");
        p = minimal();
        p.put("pmtud.interval", 0);
        refused(p, "pmtud.interval", "out of range 1..86400");
        p = minimal();
        p.put("channel", 32);
        refused(p, "channel", "out of range");
        p = minimal();
        p.put("host.2.name", "a");
        p.put("host.3.name", "a");
        refused(p, "host.3.name", "used twice");
        p = minimal();
        p.put("host.2.colour", "red");
        refused(p, "host.2.colour", "unknown property");
        p = minimal();
        p.put("forwarding", "maybe");
        refused(p, "forwarding", "not true or false");
    }

    @Test
    void compressLevelDefaultsToTheModels() throws Exception {
        Map<String, Object> p = minimal();
        p.put("compress.model", "lz4hc");
        assertThat(ConfigParser.parse(p).compress().level()).isEqualTo(9);
        p.put("compress.model", "zstd");
        assertThat(ConfigParser.parse(p).compress().level()).isEqualTo(3);
    }

    @Test
    void unrelatedConfigAdminPropertiesAreIgnored() throws Exception {
        Map<String, Object> p = minimal();
        p.put("service.pid", "org.knet4j.handle~a");
        p.put("service.factoryPid", "org.knet4j.handle");
        p.put("felix.fileinstall.filename", "file:/x.cfg");
        assertThat(ConfigParser.parse(p).hostId()).isEqualTo(1);
    }

    @Test
    void accessListsAndADynamicLinksEntriesInOrder() throws Exception {
        Map<String, Object> p = minimal();
        p.put("access.lists", "false");
        p.put("link.2.0", "udp:127.0.0.1:50000->dynamic;acl=reject:127.0.0.9 accept:127.0.0.0/255.0.0.0 "
                + " accept:10.0.0.1-10.0.0.9   ACCEPT:fd00::1 reject:fd00::/ffff::");
        NodeConfig c = ConfigParser.parse(p);
        assertThat(c.accessLists()).isFalse();
        assertThat(c.hosts().get(2).links().get(0).acl()).containsExactly(
                acl("127.0.0.9", null, AclCheckType.ADDRESS, AclAction.REJECT),
                acl("127.0.0.0", "255.0.0.0", AclCheckType.MASK, AclAction.ACCEPT),
                acl("10.0.0.1", "10.0.0.9", AclCheckType.RANGE, AclAction.ACCEPT),
                acl("fd00::1", null, AclCheckType.ADDRESS, AclAction.ACCEPT),
                acl("fd00::", "ffff::", AclCheckType.MASK, AclAction.REJECT));
        assertThat(ConfigParser.parse(minimal()).accessLists()).as("on by default").isTrue();
    }

    @Test
    void badAclEntriesAreRefusedNamingTheLink() {
        String dyn = "udp:127.0.0.1:50000->dynamic;acl=";
        Object[][] cases = {
            {"udp:127.0.0.1:50000->127.0.0.1:50001;acl=accept:127.0.0.1", "dynamic links only"},
            {dyn + "allow:127.0.0.1", "not accept or reject"},
            {dyn + "127.0.0.1", "does not start with accept: or reject:"},
            {dyn + "accept:127.0.0.0/ffff::", "mixes IPv4 and IPv6"},
            {dyn + "accept:10.0.0.1-::1", "mixes IPv4 and IPv6"},
            {dyn + "accept:10.0.0.1/255.0.0.0-10.0.0.2", "both a mask and a range"},
            {dyn + "accept:node1.example", "not a numeric IP address"},
            {dyn + "accept:127.0.0.1 accept:127.0.0.1", "given twice"},
            {dyn + "  ", "no entries"},
        };
        for (Object[] c : cases) {
            Map<String, Object> p = minimal();
            p.put("link.2.0", c[0]);
            refused(p, "link.2.0", (String) c[1]);
        }
        Map<String, Object> p = minimal();
        p.put("access.lists", "perhaps");
        refused(p, "access.lists", "perhaps");
    }

    private static org.knet4j.api.AclEntry acl(String a, String b, AclCheckType t, AclAction x) throws Exception {
        return new org.knet4j.api.AclEntry(java.net.InetAddress.getByName(a),
                b == null ? null : java.net.InetAddress.getByName(b), t, x);
    }
}
