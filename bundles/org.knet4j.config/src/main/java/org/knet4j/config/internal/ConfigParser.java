package org.knet4j.config.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LogLevel;
import org.knet4j.api.TransportType;

/**
 * Turns the properties of one {@code org.knet4j.handle} configuration into a {@link NodeConfig}, or refuses it
 * with an {@link InvalidConfigException} naming the first bad property. The property names and their syntax are
 * in {@link HandleConfiguration}.
 */
public final class ConfigParser {
    /** libknet 1.25's crypto models plus knet4j's own. */
    static final Set<String> CRYPTO_MODELS = Set.of("none", "nss", "openssl", "gcrypt", "jce", "bouncycastle");

    private static final Pattern HOST_KEY = Pattern.compile("host\\.(\\d+)\\.(name|policy)");
    private static final Pattern LINK_KEY = Pattern.compile("link\\.(\\d+)\\.(\\d+)");
    private static final Pattern LINK_ENTRY = Pattern.compile("\\s*(\\d+)\\.(\\d+)\\s*=(.*)");

    private ConfigParser() {
    }

    public static NodeConfig parse(Map<String, ?> props) throws InvalidConfigException {
        PropertyReader in = new PropertyReader(props);
        if (!in.has("host.id")) {
            throw new InvalidConfigException("host.id", "is required (this node's host id, 0..65535)");
        }
        int hostId = (int) in.integer("host.id", 0, 0, KnetHandle.MAX_HOST - 1);
        LogLevel level = logLevel(in.string("log.level", "warn"));
        boolean forwarding = in.bool("forwarding", false);
        int pmtud = (int) in.integer("pmtud.interval", KnetHandle.PMTUD_DEFAULT_INTERVAL, 1, 86400);
        int mtu = (int) in.integer("pmtud.mtu", 0, 0, 65535);
        CryptoSpec crypto = crypto(in);
        long step = in.integer("crypto.rotation.step.ms", 1000, 0, 3_600_000);
        CompressConfig compress = compress(in);
        int channel = (int) in.integer("channel", -1, -1, KnetHandle.DATAFD_MAX - 1);
        boolean accessLists = in.bool("access.lists", true);
        Map<Integer, HostDraft> hosts = hosts(in);
        TreeMap<Integer, HostSpec> done = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (HostDraft h : hosts.values()) {
            if (h.name != null && !names.add(h.name)) {
                throw new InvalidConfigException(h.nameProperty, "host name '" + h.name + "' is used twice");
            }
            for (Map.Entry<Integer, LinkSpec> l : h.links.entrySet()) {
                if (l.getValue().transport() == TransportType.LOOPBACK && h.id != hostId) {
                    throw new InvalidConfigException(h.linkProperty.get(l.getKey()),
                            "a loopback link can only go to this node (host " + hostId + ")");
                }
            }
            done.put(h.id, new HostSpec(h.id, h.name, h.policy, h.links));
        }
        return new NodeConfig(hostId, level, forwarding, pmtud, mtu, crypto, step, compress, channel, accessLists, done);
    }

    private static LogLevel logLevel(String text) throws InvalidConfigException {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "error", "0" -> LogLevel.ERROR;
            case "warn", "warning", "1" -> LogLevel.WARN;
            case "info", "2" -> LogLevel.INFO;
            case "debug", "3" -> LogLevel.DEBUG;
            default -> throw new InvalidConfigException("log.level", "'" + text + "' is not error, warn, info or debug");
        };
    }

    private static CryptoSpec crypto(PropertyReader in) throws InvalidConfigException {
        String model = in.string("crypto.model", "none").toLowerCase(Locale.ROOT);
        if (!CRYPTO_MODELS.contains(model)) {
            throw new InvalidConfigException("crypto.model", "unknown crypto model '" + model + "' (known: "
                    + new java.util.TreeSet<>(CRYPTO_MODELS) + ")");
        }
        String cipher = in.string("crypto.cipher", "none");
        String hash = in.string("crypto.hash", "none");
        if (model.equals("none") || (cipher.equals("none") && hash.equals("none"))) {
            return CryptoSpec.NONE;
        }
        if (!cipher.equals("none") && hash.equals("none")) {
            throw new InvalidConfigException("crypto.hash", "cipher " + cipher + " needs a hash (libknet refuses"
                    + " encryption without authentication)");
        }
        return new CryptoSpec(model, cipher, hash, KeyLoader.load(in));
    }

    private static CompressConfig compress(PropertyReader in) throws InvalidConfigException {
        String model = in.string("compress.model", "none").toLowerCase(Locale.ROOT);
        int threshold = (int) in.integer("compress.threshold", 0, 0, KnetHandle.MAX_PACKET_SIZE);
        if (model.equals("none")) {
            return new CompressConfig("none", threshold, 0);
        }
        CompressModels.Levels levels = CompressModels.MODELS.get(model);
        if (levels == null) {
            throw new InvalidConfigException("compress.model", "unknown compression model '" + model + "' (known: "
                    + new java.util.TreeSet<>(CompressModels.MODELS.keySet()) + " and none)");
        }
        int level = (int) in.integer("compress.level", levels.defaultLevel(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (!levels.accepts(level)) {
            throw new InvalidConfigException("compress.level", "level " + level + " is out of range for " + model
                    + " (" + levels.describe() + ")");
        }
        return new CompressConfig(model, threshold, level);
    }

    /** A host while its properties are being collected. */
    private static final class HostDraft {
        final int id;
        String name;
        String nameProperty;
        LinkPolicy policy = LinkPolicy.PASSIVE;
        final Map<Integer, LinkSpec> links = new TreeMap<>();
        final Map<Integer, String> linkProperty = new HashMap<>();

        HostDraft(int id) {
            this.id = id;
        }
    }

    private static Map<Integer, HostDraft> hosts(PropertyReader in) throws InvalidConfigException {
        Map<Integer, HostDraft> hosts = new TreeMap<>();
        // flat keys: host.N.name, host.N.policy, link.N.L (the .cfg way)
        for (String key : in.keys()) {
            Matcher h = HOST_KEY.matcher(key);
            Matcher l = LINK_KEY.matcher(key);
            if (h.matches()) {
                HostDraft d = host(hosts, key, h.group(1));
                hostAttribute(d, key, h.group(2), in.string(key, ""));
            } else if (l.matches()) {
                HostDraft d = host(hosts, key, l.group(1));
                addLink(d, key, l.group(2), in.string(key, ""));
            } else if (key.startsWith("host.") && !key.equals("host.id") || key.startsWith("link.")) {
                throw new InvalidConfigException(key, "unknown property (expected host.N.name, host.N.policy or "
                        + "link.N.L)");
            }
        }
        // list form: hosts = ["N;name=...;policy=..."], links = ["N.L=spec"] (metatype forms, JSON arrays)
        List<String> hostEntries = in.strings("hosts");
        for (int i = 0; i < hostEntries.size(); i++) {
            String property = "hosts[" + i + "]";
            String[] parts = hostEntries.get(i).split(";");
            HostDraft d = host(hosts, property, parts[0].trim());
            for (int p = 1; p < parts.length; p++) {
                int eq = parts[p].indexOf('=');
                if (eq < 0) {
                    throw new InvalidConfigException(property, "'" + parts[p] + "' is not name=... or policy=...");
                }
                hostAttribute(d, property, parts[p].substring(0, eq).trim(), parts[p].substring(eq + 1).trim());
            }
        }
        List<String> linkEntries = in.strings("links");
        for (int i = 0; i < linkEntries.size(); i++) {
            String property = "links[" + i + "]";
            Matcher m = LINK_ENTRY.matcher(linkEntries.get(i));
            if (!m.matches()) {
                throw new InvalidConfigException(property, "'" + linkEntries.get(i) + "' is not HOST.LINK=spec");
            }
            addLink(host(hosts, property, m.group(1)), property, m.group(2), m.group(3));
        }
        return hosts;
    }

    private static HostDraft host(Map<Integer, HostDraft> hosts, String property, String id)
            throws InvalidConfigException {
        int n;
        try {
            n = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(property, "host id '" + id + "' is not an integer");
        }
        if (n < 0 || n >= KnetHandle.MAX_HOST) {
            throw new InvalidConfigException(property, "host id " + n + " is out of range 0..65535");
        }
        return hosts.computeIfAbsent(n, HostDraft::new);
    }

    private static void hostAttribute(HostDraft d, String property, String attribute, String value)
            throws InvalidConfigException {
        switch (attribute) {
            case "name" -> {
                if (value.isEmpty() || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
                    throw new InvalidConfigException(property, "host name must be 1..255 bytes");
                }
                d.name = value;
                d.nameProperty = property;
            }
            case "policy" -> d.policy = switch (value.toLowerCase(Locale.ROOT)) {
                case "passive" -> LinkPolicy.PASSIVE;
                case "active" -> LinkPolicy.ACTIVE;
                case "rr", "round_robin", "round-robin" -> LinkPolicy.ROUND_ROBIN;
                default -> throw new InvalidConfigException(property, "policy '" + value
                        + "' is not passive, active or rr");
            };
            default -> throw new InvalidConfigException(property, "unknown host attribute '" + attribute + "'");
        }
    }

    private static void addLink(HostDraft d, String property, String linkId, String spec)
            throws InvalidConfigException {
        int l = linkId.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(linkId);
        if (l >= KnetHandle.MAX_LINK) {
            throw new InvalidConfigException(property, "link id " + linkId + " is out of range 0..7");
        }
        if (d.links.containsKey(l)) {
            throw new InvalidConfigException(property, "link " + d.id + "." + l + " is configured twice");
        }
        d.links.put(l, LinkSpecParser.parse(property, spec));
        d.linkProperty.put(l, property);
    }
}
