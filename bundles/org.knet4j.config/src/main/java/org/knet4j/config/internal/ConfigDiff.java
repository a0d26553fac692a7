package org.knet4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What differs between the configuration in force and a new one, as the smallest set of handle calls: links
 * whose address changed are removed and added again, links whose tuning changed are re-tuned in place, and
 * everything that did not change is not touched (so traffic on other links never notices).
 *
 * @param newHandle    the host id changed: only a new handle can have it
 * @param hostsRemoved hosts to remove, after their links
 * @param hostsAdded   hosts to add (their links are in {@code linksAdded})
 * @param hostsChanged hosts that stay but whose name or policy changed
 * @param linksRemoved links to disable and clear
 * @param linksAdded   links to configure and enable
 * @param linksTuned   links that stay but whose priority, ping timers, pong count or access list changed
 */
public record ConfigDiff(boolean newHandle, boolean logLevel, boolean forwarding, boolean pmtudInterval, boolean mtu,
        boolean crypto, boolean compress, boolean channel, boolean accessLists, List<Integer> hostsRemoved, List<HostSpec> hostsAdded,
        List<HostSpec> hostsChanged, List<LinkRef> linksRemoved, List<LinkRef> linksAdded, List<LinkRef> linksTuned) {

    /** One link of one host, with the link's wanted spec (for removals: the spec being removed). */
    public record LinkRef(int host, int link, LinkSpec spec) {
        /** The flat property that configures this link. */
        public String property() {
            return "link." + host + "." + link;
        }
    }

    public static ConfigDiff between(NodeConfig from, NodeConfig to) {
        List<Integer> hostsRemoved = new ArrayList<>();
        List<HostSpec> hostsAdded = new ArrayList<>();
        List<HostSpec> hostsChanged = new ArrayList<>();
        List<LinkRef> linksRemoved = new ArrayList<>();
        List<LinkRef> linksAdded = new ArrayList<>();
        List<LinkRef> linksTuned = new ArrayList<>();
        for (HostSpec old : from.hosts().values()) {
            HostSpec now = to.hosts().get(old.id());
            if (now == null) {
                hostsRemoved.add(old.id());
                old.links().forEach((l, spec) -> linksRemoved.add(new LinkRef(old.id(), l, spec)));
                continue;
            }
            if (!java.util.Objects.equals(old.name(), now.name()) || old.policy() != now.policy()) {
                hostsChanged.add(now);
            }
            for (Map.Entry<Integer, LinkSpec> l : old.links().entrySet()) {
                LinkSpec wanted = now.links().get(l.getKey());
                if (wanted == null || wanted.needsNewSocket(l.getValue())) {
                    linksRemoved.add(new LinkRef(old.id(), l.getKey(), l.getValue()));
                    if (wanted != null) {
                        linksAdded.add(new LinkRef(old.id(), l.getKey(), wanted));
                    }
                } else if (!wanted.equals(l.getValue())) {
                    linksTuned.add(new LinkRef(old.id(), l.getKey(), wanted));
                }
            }
            for (Map.Entry<Integer, LinkSpec> l : now.links().entrySet()) {
                if (!old.links().containsKey(l.getKey())) {
                    linksAdded.add(new LinkRef(now.id(), l.getKey(), l.getValue()));
                }
            }
        }
        for (HostSpec now : to.hosts().values()) {
            if (!from.hosts().containsKey(now.id())) {
                hostsAdded.add(now);
                now.links().forEach((l, spec) -> linksAdded.add(new LinkRef(now.id(), l, spec)));
            }
        }
        return new ConfigDiff(from.hostId() != to.hostId(), from.logLevel() != to.logLevel(),
                from.forwarding() != to.forwarding(), from.pmtudInterval() != to.pmtudInterval(),
                from.mtu() != to.mtu(), !from.crypto().equals(to.crypto()), !from.compress().equals(to.compress()),
                from.channel() != to.channel(), from.accessLists() != to.accessLists(), List.copyOf(hostsRemoved), List.copyOf(hostsAdded),
                List.copyOf(hostsChanged), List.copyOf(linksRemoved), List.copyOf(linksAdded),
                List.copyOf(linksTuned));
    }

    /** True when applying this diff would call nothing on the handle. */
    public boolean isEmpty() {
        return !newHandle && !logLevel && !forwarding && !pmtudInterval && !mtu && !crypto && !compress && !channel && !accessLists
                && hostsRemoved.isEmpty() && hostsAdded.isEmpty() && hostsChanged.isEmpty() && linksRemoved.isEmpty()
                && linksAdded.isEmpty() && linksTuned.isEmpty();
    }
}
