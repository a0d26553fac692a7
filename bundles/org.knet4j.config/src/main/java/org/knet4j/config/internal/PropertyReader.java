package org.knet4j.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of one configuration's properties. Values may come as Config Admin types (Integer, Long, Boolean,
 * String[], Collection) from a JSON configuration, or as strings from a .cfg file; both are accepted. Every
 * failure names the property.
 */
final class PropertyReader {
    private final Map<String, ?> props;

    PropertyReader(Map<String, ?> props) {
        this.props = props;
    }

    boolean has(String key) {
        Object v = props.get(key);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    String string(String key, String def) throws InvalidConfigException {
        Object v = props.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof String s) {
            return s.trim();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new InvalidConfigException(key, "expected a string, got " + v.getClass().getSimpleName());
    }

    /** An integer in {@code min..max}; {@code def} when absent or blank. */
    long integer(String key, long def, long min, long max) throws InvalidConfigException {
        Object v = props.get(key);
        long value;
        if (v == null || (v instanceof String s && s.isBlank())) {
            return def;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            value = ((Number) v).longValue();
        } else if (v instanceof String s) {
            try {
                value = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key, "'" + s + "' is not an integer");
            }
        } else {
            throw new InvalidConfigException(key, "expected an integer, got " + v);
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(key, value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    boolean bool(String key, boolean def) throws InvalidConfigException {
        Object v = props.get(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("on") || s.equals("yes") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("off") || s.equals("no") || s.equals("0")) {
            return false;
        }
        throw new InvalidConfigException(key, "'" + v + "' is not true or false");
    }

    /**
     * A list of strings: a String[] or collection from Config Admin, or one string whose entries are separated by
     * commas (how a .cfg file writes a list).
     */
    List<String> strings(String key) throws InvalidConfigException {
        Object v = props.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)).trim());
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).trim());
            }
        } else {
            throw new InvalidConfigException(key, "expected a list of strings, got " + v);
        }
        return out;
    }

    Iterable<String> keys() {
        return props.keySet();
    }
}
