package org.knet4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.Knet;
import org.knet4j.api.TransportInfo;
import org.knet4j.api.TransportType;

/**
 * The plugins a configuration needs that the engine does not have yet. In OSGi, transports, crypto and compression
 * bundles register with the engine as they start, possibly after a configuration arrives; the node waits for them
 * rather than refusing a configuration that will work a moment later.
 */
final class Plugins {
    private Plugins() {
    }

    static List<String> missing(Knet knet, NodeConfig config) {
        List<String> missing = new ArrayList<>();
        boolean udp = config.hosts().values().stream().flatMap(h -> h.links().values().stream())
                .anyMatch(l -> l.transport() == TransportType.UDP);
        if (udp && knet.transportList().stream().map(TransportInfo::id).noneMatch(id -> id == TransportType.UDP)) {
            missing.add("transport UDP");
        }
        if (config.crypto().enabled() && !knet.cryptoList().contains(config.crypto().model())) {
            missing.add("crypto model " + config.crypto().model());
        }
        String compress = config.compress().model();
        if (!compress.equals("none") && !knet.compressList().contains(compress)) {
            missing.add("compression model " + compress);
        }
        return missing;
    }
}
