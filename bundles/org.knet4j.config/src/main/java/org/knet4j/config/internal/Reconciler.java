package org.knet4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;
import org.knet4j.config.internal.ConfigDiff.LinkRef;

/**
 * Applies a {@link ConfigDiff} to a live handle, in an order that never disturbs what stays: settings first, then
 * links and hosts that go, then hosts and links that come, forwarding last. It records every step that succeeded,
 * so that after a failure {@link #applied()} is exactly the state of the handle, from which the node can go back
 * to its last good configuration.
 *
 * <p>Not thread-safe: the node calls it under its lock.
 */
final class Reconciler {
    private final KnetHandle handle;
    private final CryptoSlots crypto;
    private final ChannelHolder channel;

    // the state of the handle, step by step
    private NodeConfig base;
    private final TreeMap<Integer, HostSpec> hosts;
    private CryptoSpec cryptoNow;
    private boolean forwarding;
    private CompressConfig compress;
    private int pmtud;
    private int mtu;
    private int channelNow;
    private LogLevel level;
    private boolean accessLists;

    /** Where the node keeps its open data channel. */
    interface ChannelHolder {
        DataChannel get();

        void set(DataChannel channel);
    }

    Reconciler(KnetHandle handle, CryptoSlots crypto, ChannelHolder channel, NodeConfig from) {
        this.handle = handle;
        this.crypto = crypto;
        this.channel = channel;
        this.base = from;
        this.hosts = new TreeMap<>(from.hosts());
        this.cryptoNow = from.crypto();
        this.forwarding = from.forwarding();
        this.compress = from.compress();
        this.pmtud = from.pmtudInterval();
        this.mtu = from.mtu();
        this.channelNow = from.channel();
        this.level = from.logLevel();
        this.accessLists = from.accessLists();
    }

    /** The handle's state as far as the steps so far went. */
    NodeConfig applied() {
        return new NodeConfig(base.hostId(), level, forwarding, pmtud, mtu, cryptoNow, base.rotationStepMs(), compress,
                channelNow, accessLists, hosts);
    }

    /**
     * Bring the handle from {@link #applied()} to {@code to}.
     *
     * @throws InvalidConfigException naming the property whose step the handle refused; the steps before it stay
     */
    void apply(NodeConfig to) throws InvalidConfigException {
        ConfigDiff d = ConfigDiff.between(applied(), to);
        if (d.newHandle()) {
            throw new IllegalArgumentException("host id " + base.hostId() + " -> " + to.hostId() + " needs a new handle");
        }
        if (d.forwarding() && !to.forwarding()) {
            handle.setForwarding(false); // stop data before anything else changes under it
            forwarding = false;
        }
        if (d.logLevel()) {
            for (LogSubsystem s : LogSubsystem.values()) {
                handle.logSetLevel(s, to.logLevel());
            }
            level = to.logLevel();
        }
        step("access.lists", () -> {
            if (d.accessLists()) {
                handle.enableAccessLists(to.accessLists());
                accessLists = to.accessLists();
            }
        });
        step("pmtud.interval", () -> {
            if (d.pmtudInterval()) {
                handle.pmtudSetFreq(to.pmtudInterval());
                pmtud = to.pmtudInterval();
            }
        });
        step("pmtud.mtu", () -> {
            if (d.mtu()) {
                handle.pmtudSet(to.mtu());
                mtu = to.mtu();
            }
        });
        step("compress.model", () -> {
            if (d.compress()) {
                handle.compress(to.compress());
                compress = to.compress();
            }
        });
        step("crypto.model", () -> {
            if (d.crypto()) {
                crypto.change(cryptoNow, to.crypto(), to.rotationStepMs());
                cryptoNow = to.crypto();
            }
        });
        for (LinkRef l : d.linksRemoved()) {
            step(l.property(), () -> {
                handle.linkSetEnable(l.host(), l.link(), false);
                handle.linkClearConfig(l.host(), l.link());
                hosts.computeIfPresent(l.host(), (id, h) -> withoutLink(h, l.link()));
            });
        }
        for (int id : d.hostsRemoved()) {
            step("host." + id, () -> {
                handle.hostRemove(id);
                hosts.remove(id);
            });
        }
        for (HostSpec h : d.hostsAdded()) {
            step("host." + h.id(), () -> {
                handle.hostAdd(h.id());
                hosts.put(h.id(), new HostSpec(h.id(), null, LinkPolicy.PASSIVE, new TreeMap<>()));
            });
        }
        for (HostSpec wanted : concat(d.hostsAdded(), d.hostsChanged())) {
            int id = wanted.id();
            if (!Objects.equals(wanted.name(), hosts.get(id).name())) {
                // no name means libknet's default, the decimal id
                String name = wanted.name() != null ? wanted.name() : Integer.toString(id);
                step("host." + id + ".name", () -> {
                    handle.hostSetName(id, name);
                    HostSpec h = hosts.get(id);
                    hosts.put(id, new HostSpec(id, wanted.name(), h.policy(), h.links()));
                });
            }
            if (wanted.policy() != hosts.get(id).policy()) {
                step("host." + id + ".policy", () -> {
                    handle.hostSetPolicy(id, wanted.policy());
                    HostSpec h = hosts.get(id);
                    hosts.put(id, new HostSpec(id, h.name(), wanted.policy(), h.links()));
                });
            }
        }
        for (LinkRef l : d.linksTuned()) {
            step(l.property(), () -> {
                tune(l);
                hosts.computeIfPresent(l.host(), (id, h) -> withLink(h, l.link(), l.spec()));
            });
        }
        for (LinkRef l : d.linksAdded()) {
            step(l.property(), () -> {
                handle.linkSetConfig(l.host(), l.link(), l.spec().linkConfig());
                try {
                    tune(l);
                    handle.linkSetEnable(l.host(), l.link(), true);
                } catch (KnetException e) {
                    handle.linkClearConfig(l.host(), l.link()); // all of the link or none of it
                    throw e;
                }
                hosts.computeIfPresent(l.host(), (id, h) -> withLink(h, l.link(), l.spec()));
            });
        }
        step("channel", () -> {
            if (d.channel()) {
                DataChannel open = channel.get();
                if (open != null) {
                    open.close();
                    channel.set(null);
                }
                channelNow = -1;
                if (to.channel() >= 0) {
                    channel.set(handle.openChannel(to.channel()));
                    channelNow = to.channel();
                }
            }
        });
        if (to.forwarding() && !forwarding) {
            handle.setForwarding(true);
            forwarding = true;
        }
        base = to;
    }

    private void tune(LinkRef l) throws KnetException {
        handle.linkSetPriority(l.host(), l.link(), l.spec().priority());
        handle.linkSetPingTimers(l.host(), l.link(), l.spec().timers());
        handle.linkSetPongCount(l.host(), l.link(), l.spec().pongCount());
        if (l.spec().destination() == null) {
            AclSync.apply(handle, l.host(), l.link(), l.spec().acl());
        }
    }

    private static HostSpec withLink(HostSpec h, int link, LinkSpec spec) {
        TreeMap<Integer, LinkSpec> links = new TreeMap<>(h.links());
        links.put(link, spec);
        return new HostSpec(h.id(), h.name(), h.policy(), links);
    }

    private static HostSpec withoutLink(HostSpec h, int link) {
        TreeMap<Integer, LinkSpec> links = new TreeMap<>(h.links());
        links.remove(link);
        return new HostSpec(h.id(), h.name(), h.policy(), links);
    }

    private static List<HostSpec> concat(List<HostSpec> a, List<HostSpec> b) {
        List<HostSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws KnetException;
    }

    private static void step(String property, Step step) throws InvalidConfigException {
        try {
            step.run();
        } catch (KnetException e) {
            throw new InvalidConfigException(property, "refused by the handle: " + e.getMessage(), e);
        }
    }
}
