package org.knet4j.config.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knet4j.api.LinkPolicy;

/**
 * One configured host.
 *
 * @param id     0..65535
 * @param name   the host's name, {@code null} for libknet's default (the decimal id)
 * @param policy link policy
 * @param links  link id to link, ascending
 */
public record HostSpec(int id, String name, LinkPolicy policy, SortedMap<Integer, LinkSpec> links) {
    public HostSpec {
        links = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(links));
    }

    public HostSpec(int id, String name, LinkPolicy policy, Map<Integer, LinkSpec> links) {
        this(id, name, policy, new TreeMap<>(links));
    }
}
