package org.knet4j.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.config.internal.ConfigDiff.LinkRef;

class ConfigDiffTest {
    private static NodeConfig parse(Object... kv) throws InvalidConfigException {
        Map<String, Object> p = ConfigParserTest.minimal();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return ConfigParser.parse(p);
    }

    private static final String L0 = "udp:127.0.0.1:50000->127.0.0.1:50100";
    private static final String L1 = "udp:127.0.0.1:50001->127.0.0.1:50101";

    @Test
    void sameConfigurationIsNoChange() throws Exception {
        assertThat(ConfigDiff.between(parse("link.2.0", L0), parse("link.2.0", L0)).isEmpty()).isTrue();
    }

    @Test
    void addingALinkTouchesOnlyThatLink() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse("link.2.0", L0), parse("link.2.0", L0, "link.2.1", L1));
        assertThat(d.linksAdded()).extracting(LinkRef::property).containsExactly("link.2.1");
        assertThat(d.linksRemoved()).isEmpty();
        assertThat(d.linksTuned()).isEmpty();
        assertThat(d.hostsAdded()).isEmpty();
        assertThat(d.crypto() || d.compress() || d.forwarding() || d.newHandle()).isFalse();
    }

    @Test
    void newAddressRecreatesTheLinkNewTuningRetunesIt() throws Exception {
        ConfigDiff moved = ConfigDiff.between(parse("link.2.0", L0), parse("link.2.0", L1));
        assertThat(moved.linksRemoved()).extracting(LinkRef::property).containsExactly("link.2.0");
        assertThat(moved.linksAdded()).extracting(LinkRef::property).containsExactly("link.2.0");
        ConfigDiff tuned = ConfigDiff.between(parse("link.2.0", L0), parse("link.2.0", L0 + ";priority=9;pong=3"));
        assertThat(tuned.linksRemoved()).isEmpty();
        assertThat(tuned.linksAdded()).isEmpty();
        assertThat(tuned.linksTuned()).singleElement().satisfies(l -> assertThat(l.spec().priority()).isEqualTo(9));
    }

    @Test
    void removingAHostRemovesItsLinksFirst() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse("link.2.0", L0, "link.3.0", L1), parse("link.2.0", L0));
        assertThat(d.hostsRemoved()).containsExactly(3);
        assertThat(d.linksRemoved()).extracting(LinkRef::property).containsExactly("link.3.0");
        assertThat(d.linksAdded()).isEmpty();
    }

    @Test
    void hostAttributesSettingsAndHostId() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse("link.2.0", L0),
                parse("link.2.0", L0, "host.2.policy", "active", "forwarding", true, "compress.model", "zlib",
                        "crypto.model", "jce", "crypto.cipher", "aes128", "crypto.hash", "sha1", "crypto.key",
                        ConfigParserTest.KEY, "channel", 0, "pmtud.mtu", 1400, "log.level", "info"));
        assertThat(d.hostsChanged()).extracting(HostSpec::id).containsExactly(2);
        assertThat(d.forwarding() && d.compress() && d.crypto() && d.channel() && d.mtu() && d.logLevel()).isTrue();
        assertThat(d.pmtudInterval() || d.newHandle()).isFalse();
        assertThat(ConfigDiff.between(parse(), parse("host.id", 5)).newHandle()).isTrue();
    }

    @Test
    void sameKeyBytesAreNoCryptoChange() throws Exception {
        Object[] crypto = {"crypto.model", "jce", "crypto.cipher", "aes128", "crypto.hash", "sha1", "crypto.key",
            ConfigParserTest.KEY};
        assertThat(ConfigDiff.between(parse(crypto), parse(crypto)).isEmpty()).isTrue();
    }
}
