package org.knet4j.config.internal;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.LogLevel;

/**
 * A whole handle's configuration, validated and typed: what one {@code org.knet4j.handle} factory configuration
 * asks for. Immutable; two configurations are compared by {@link ConfigDiff}.
 *
 * @param hostId         this node, 0..65535 (a change needs a new handle)
 * @param logLevel       every subsystem's log level
 * @param forwarding     {@code knet_handle_setfwd}
 * @param pmtudInterval  seconds, 1..86400
 * @param mtu            forced interface MTU, 0 = discovery
 * @param crypto         the crypto in force
 * @param rotationStepMs the pause between the steps of a key rotation
 * @param compress       the compression in force
 * @param channel        the data channel to open, -1 for none
 * @param accessLists    {@code knet_handle_enable_access_lists} (on by default in knet4j)
 * @param hosts          host id to host, ascending
 */
public record NodeConfig(int hostId, LogLevel logLevel, boolean forwarding, int pmtudInterval, int mtu,
        CryptoSpec crypto, long rotationStepMs, CompressConfig compress, int channel,
        boolean accessLists, SortedMap<Integer, HostSpec> hosts) {
    public NodeConfig {
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(compress, "compress");
        hosts = Collections.unmodifiableSortedMap(new TreeMap<>(hosts));
    }

    /** What a fresh handle for {@code hostId} has before any configuration: libknet's defaults. */
    public static NodeConfig pristine(int hostId, LogLevel logLevel) {
        return new NodeConfig(hostId, logLevel, false, 60, 0, CryptoSpec.NONE, 0, CompressConfig.none(), -1,
                true, new TreeMap<>());
    }
}
