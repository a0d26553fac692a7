package org.knet4j.api;

import java.util.Locale;

/** libknet's log levels ({@code KNET_LOG_*}) with the names libknet prints. */
public enum LogLevel {
    ERROR(0, "ERROR"), WARN(1, "WARNING"), INFO(2, "info"), DEBUG(3, "debug");

    private final int id;
    private final String knetName;

    LogLevel(int id, String knetName) {
        this.id = id;
        this.knetName = knetName;
    }

    public int id() {
        return id;
    }

    /** The name libknet uses ({@code knet_log_get_loglevel_name}). */
    public String knetName() {
        return knetName;
    }

    /** @throws KnetException EINVAL for a level above 3 */
    public static LogLevel of(int id) throws KnetException {
        if (id < 0 || id > 3) {
            throw new KnetException(KnetError.EINVAL, "log level " + id + " is not 0..3");
        }
        return values()[id];
    }

    /** {@code knet_log_get_loglevel_name}: an unknown id gives "ERROR", as libknet does. */
    public static String nameOf(int id) {
        return id >= 0 && id <= 3 ? values()[id].knetName : ERROR.knetName;
    }

    /** {@code knet_log_get_loglevel_id}: case-insensitive; an unknown name gives ERROR, as libknet does. */
    public static LogLevel byName(String name) {
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT);
            for (LogLevel l : values()) {
                if (l.knetName.toLowerCase(Locale.ROOT).equals(n)) {
                    return l;
                }
            }
        }
        return ERROR;
    }
}
