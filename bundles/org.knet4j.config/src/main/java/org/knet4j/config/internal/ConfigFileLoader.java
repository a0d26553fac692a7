package org.knet4j.config.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the framework (or system) property {@value #FILE_PROPERTY} names a file, puts its configurations into
 * Config Admin (see {@link ConfigFiles} for the formats); they are deleted again when this component stops, which
 * frees the handles they made. Without the property it does nothing.
 */
@Component(immediate = true)
public final class ConfigFileLoader {
    public static final String FILE_PROPERTY = "knet4j.config";

    private final List<Configuration> created = new ArrayList<>();

    @Activate
    public ConfigFileLoader(@Reference(name = "configAdmin") ConfigurationAdmin admin, BundleContext context) {
        Logger log = LoggerFactory.getLogger(ConfigFileLoader.class);
        String file = context.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            for (Map.Entry<String, Dictionary<String, Object>> e : ConfigFiles.read(Path.of(file.trim())).entrySet()) {
                String pid = e.getKey();
                int tilde = pid.indexOf('~');
                Configuration c = tilde > 0
                        ? admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?")
                        : admin.getConfiguration(pid, "?");
                c.update(e.getValue());
                created.add(c);
                log.info("{}: configuration {} loaded", file, pid);
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}={}: cannot load: {}", FILE_PROPERTY, file, e.getMessage());
        } catch (NoClassDefFoundError e) {
            // the optional import of Felix cm.json was not wired (a container without cm.json 2.x)
            log.error("{}={}: cannot load: reading configuration files needs org.apache.felix.cm.json 2.x ({})",
                    FILE_PROPERTY, file, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        for (Configuration c : created) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                LoggerFactory.getLogger(ConfigFileLoader.class).debug("configuration {} already gone: {}", c,
                        e.getMessage());
            }
        }
        created.clear();
    }
}
