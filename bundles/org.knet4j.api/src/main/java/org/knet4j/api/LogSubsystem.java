package org.knet4j.api;

import java.util.Locale;

/** libknet's log subsystems ({@code KNET_SUB_*}), with libknet's ids and names. */
public enum LogSubsystem {
    COMMON(0, "common"), HANDLE(1, "handle"), HOST(2, "host"), LISTENER(3, "listener"), LINK(4, "link"),
    TRANSPORT(5, "transport"), CRYPTO(6, "crypto"), COMPRESS(7, "compress"), FILTER(19, "filter"),
    DSTCACHE(20, "dstcache"), HEARTBEAT(21, "heartbeat"), PMTUD(22, "pmtud"), TX(23, "tx"), RX(24, "rx"),
    TRANSP_LOOPBACK(40, "loopback"), TRANSP_UDP(41, "udp"), TRANSP_SCTP(42, "sctp"),
    NSSCRYPTO(60, "nsscrypto"), OPENSSLCRYPTO(61, "opensslcrypto"), ZLIBCOMP(70, "zlibcomp"),
    LZ4COMP(71, "lz4comp"), LZ4HCCOMP(72, "lz4hccomp"), LZO2COMP(73, "lzo2comp"), LZMACOMP(74, "lzmacomp"),
    BZIP2COMP(75, "bzip2comp"), ZSTDCOMP(76, "zstdcomp"), UNKNOWN(254, "unknown");

    /** {@code KNET_MAX_SUBSYSTEMS}. */
    public static final int MAX_SUBSYSTEMS = 255;

    private final int id;
    private final String knetName;

    LogSubsystem(int id, String knetName) {
        this.id = id;
        this.knetName = knetName;
    }

    public int id() {
        return id;
    }

    public String knetName() {
        return knetName;
    }

    /** @throws KnetException EINVAL for an id libknet does not define */
    public static LogSubsystem of(int id) throws KnetException {
        for (LogSubsystem s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        throw new KnetException(KnetError.EINVAL, "log subsystem " + id + " is not defined");
    }

    /** {@code knet_log_get_subsystem_name}: an unknown id gives "unknown", as libknet 1.25 does. */
    public static String nameOf(int id) {
        for (LogSubsystem s : values()) {
            if (s.id == id) {
                return s.knetName;
            }
        }
        return UNKNOWN.knetName;
    }

    /** {@code knet_log_get_subsystem_id}: case-insensitive; an unknown name gives UNKNOWN (254). */
    public static LogSubsystem byName(String name) {
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT);
            for (LogSubsystem s : values()) {
                if (s.knetName.equals(n)) {
                    return s;
                }
            }
        }
        return UNKNOWN;
    }
}
