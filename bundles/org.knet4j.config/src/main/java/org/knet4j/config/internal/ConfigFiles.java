package org.knet4j.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.felix.cm.json.io.ConfigurationReader;
import org.apache.felix.cm.json.io.ConfigurationResource;
import org.apache.felix.cm.json.io.Configurations;

/**
 * Reads a configuration file into PID -> properties. Two formats:
 * <ul>
 * <li>{@code *.json}: an OSGi Configurator resource (read by Felix's cm.json), e.g.
 * {@code {"org.knet4j.handle~node1": {"host.id": 1, ...}}}; several PIDs may be in one file;</li>
 * <li>{@code *.cfg}: a Felix/Karaf .cfg (Java properties), one configuration whose PID comes from the file name:
 * {@code org.knet4j.handle-node1.cfg} is the factory configuration {@code org.knet4j.handle~node1}; a name
 * without a dash, e.g. {@code node1.cfg}, is taken as {@code org.knet4j.handle~node1}.</li>
 * </ul>
 * Factory configurations are written {@code FACTORYPID~NAME}, as the Configurator does.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Map<String, Dictionary<String, Object>> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return readJson(file);
        }
        if (name.endsWith(".cfg")) {
            return readCfg(file);
        }
        throw new IOException(file + ": expected a .json (OSGi Configurator) or .cfg file");
    }

    static Map<String, Dictionary<String, Object>> readJson(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // read as a bundle's resource: the file needs no :configurator:symbolic-name / :configurator:version
            ConfigurationReader reader = Configurations.buildReader().verifyAsBundleResource(true)
                    .withIdentifier(file.toString()).build(r);
            ConfigurationResource res = reader.readConfigurationResource();
            List<String> errors = reader.getIgnoredErrors();
            if (!errors.isEmpty()) {
                throw new IOException(file + ": " + String.join("; ", errors));
            }
            Map<String, Dictionary<String, Object>> out = new LinkedHashMap<>();
            res.getConfigurations().forEach((pid, props) -> out.put(pid, props));
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a Configurator JSON resource: " + e.getMessage(), e);
        }
    }

    static Map<String, Dictionary<String, Object>> readCfg(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        for (String key : p.stringPropertyNames()) {
            props.put(key, p.getProperty(key).trim());
        }
        String base = file.getFileName().toString();
        base = base.substring(0, base.length() - ".cfg".length());
        String pid;
        int dash = base.lastIndexOf('-');
        if (dash > 0) {
            pid = base.substring(0, dash) + "~" + base.substring(dash + 1);
        } else {
            pid = HandleConfiguration.FACTORY_PID + "~" + base;
        }
        Map<String, Dictionary<String, Object>> out = new LinkedHashMap<>();
        out.put(pid, props);
        return out;
    }
}
