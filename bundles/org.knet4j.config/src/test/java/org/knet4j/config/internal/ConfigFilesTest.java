package org.knet4j.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    private static Map<String, Object> asMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (String k : Collections.list(d.keys())) {
            m.put(k, d.get(k));
        }
        return m;
    }

    @Test
    void cfgFileNamesTheFactoryConfiguration(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("org.knet4j.handle-node1.cfg");
        Files.writeString(f, "host.id = 1\nforwarding=true\nlink.2.0 = udp:127.0.0.1:50000->127.0.0.1:50100;pong=2\n");
        Map<String, Dictionary<String, Object>> read = ConfigFiles.read(f);
        assertThat(read).containsOnlyKeys("org.knet4j.handle~node1");
        NodeConfig c = ConfigParser.parse(asMap(read.get("org.knet4j.handle~node1")));
        assertThat(c.forwarding()).isTrue();
        assertThat(c.hosts().get(2).links().get(0).pongCount()).isEqualTo(2);
        Path plain = dir.resolve("edge.cfg");
        Files.writeString(plain, "host.id=3\n");
        assertThat(ConfigFiles.read(plain)).containsOnlyKeys("org.knet4j.handle~edge");
    }

    @Test
    void configuratorJsonWithTypesAndArrays(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.json");
        Files.writeString(f, """
                {
                  // the Configurator format allows comments
                  ":configurator:resource-version": 1,
                  "org.knet4j.handle~a": {
                    "host.id:Integer": 1,
                    "forwarding": true,
                    "links": ["2.0=udp:127.0.0.1:50000->127.0.0.1:50100", "2.1=udp:127.0.0.1:50001->dynamic"],
                    "host.2.name": "peer"
                  },
                  "org.knet4j.handle~b": { "host.id": 2 }
                }
                """);
        Map<String, Dictionary<String, Object>> read = ConfigFiles.read(f);
        assertThat(read).containsOnlyKeys("org.knet4j.handle~a", "org.knet4j.handle~b");
        NodeConfig a = ConfigParser.parse(asMap(read.get("org.knet4j.handle~a")));
        assertThat(a.hostId()).isEqualTo(1);
        assertThat(a.hosts().get(2).name()).isEqualTo("peer");
        assertThat(a.hosts().get(2).links()).containsOnlyKeys(0, 1);
        assertThat(ConfigParser.parse(asMap(read.get("org.knet4j.handle~b"))).hostId()).isEqualTo(2);
    }

    @Test
    void malformedOrUnknownFilesAreRefused(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"org.knet4j.handle~a\": [1, 2 }");
        assertThatThrownBy(() -> ConfigFiles.read(bad)).isInstanceOf(IOException.class).hasMessageContaining("bad.json");
        Path other = dir.resolve("node.xml");
        Files.writeString(other, "<x/>");
        assertThatThrownBy(() -> ConfigFiles.read(other)).isInstanceOf(IOException.class)
                .hasMessageContaining(".json (OSGi Configurator) or .cfg");
    }
}
