package org.knet4j.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class ConfigFileLoaderTest {
    /** What the loader did to Config Admin: "factory PID name", "update PID {props}", "delete PID". */
    private final List<String> calls = new ArrayList<>();

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (p, m, args) -> switch (m.getName()) {
                    case "update" -> {
                        Dictionary<?, ?> d = (Dictionary<?, ?>) args[0];
                        calls.add("update " + pid + " host.id=" + d.get("host.id"));
                        yield null;
                    }
                    case "delete" -> {
                        calls.add("delete " + pid);
                        yield null;
                    }
                    case "toString" -> pid;
                    default -> throw new AssertionError("unexpected Configuration." + m.getName());
                });
    }

    private ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, args) -> switch (m.getName()) {
                    case "getFactoryConfiguration" -> {
                        assertThat(args).hasSize(3);
                        assertThat(args[2]).as("location: any bundle").isEqualTo("?");
                        calls.add("factory " + args[0] + " " + args[1]);
                        yield configuration(args[0] + "~" + args[1]);
                    }
                    case "getConfiguration" -> {
                        calls.add("single " + args[0]);
                        yield configuration((String) args[0]);
                    }
                    default -> throw new AssertionError("unexpected ConfigurationAdmin." + m.getName());
                });
    }

    private static BundleContext context(Map<String, String> props) {
        return (BundleContext) Proxy.newProxyInstance(ConfigFileLoaderTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, args) -> {
                    if (m.getName().equals("getProperty")) {
                        return props.get((String) args[0]);
                    }
                    throw new AssertionError("unexpected BundleContext." + m.getName());
                });
    }

    @Test
    void withoutThePropertyNothingHappens() {
        new ConfigFileLoader(admin(), context(Map.of())).deactivate();
        assertThat(calls).isEmpty();
    }

    @Test
    void putsTheFilesConfigurationsInAndTakesThemOutAgain(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nodes.json");
        Files.writeString(f, """
                { "org.knet4j.handle~a": { "host.id": 1 }, "org.knet4j.handle~b": { "host.id": 2 },
                  "some.other.pid": { "x": 1 } }
                """);
        ConfigFileLoader loader = new ConfigFileLoader(admin(), context(Map.of(ConfigFileLoader.FILE_PROPERTY,
                f.toString())));
        assertThat(calls).containsExactly("factory org.knet4j.handle a", "update org.knet4j.handle~a host.id=1",
                "factory org.knet4j.handle b", "update org.knet4j.handle~b host.id=2", "single some.other.pid",
                "update some.other.pid host.id=null");
        calls.clear();
        loader.deactivate();
        assertThat(calls).containsExactly("delete org.knet4j.handle~a", "delete org.knet4j.handle~b",
                "delete some.other.pid");
    }

    @Test
    void aCfgFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("org.knet4j.handle-edge.cfg");
        Files.writeString(f, "host.id=9\n");
        new ConfigFileLoader(admin(), context(Map.of(ConfigFileLoader.FILE_PROPERTY, f.toString())));
        assertThat(calls).containsExactly("factory org.knet4j.handle edge", "update org.knet4j.handle~edge host.id=9");
    }

    @Test
    void anUnreadableFileIsLoggedAndLoadsNothing(@TempDir Path dir) {
        new ConfigFileLoader(admin(), context(Map.of(ConfigFileLoader.FILE_PROPERTY,
                dir.resolve("missing.json").toString())));
        assertThat(calls).isEmpty();
    }
}
