package org.knet4j.config.internal;

import java.util.Locale;
import org.knet4j.api.HostStatus;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo command {@code knet:nodes}: every handle of the engine with its hosts and links, so a node started from a
 * configuration file can be watched from the shell.
 */
@Component(service = NodeCommands.class, property = {"osgi.command.scope=knet", "osgi.command.function=nodes"})
public final class NodeCommands {
    private final Knet knet;

    @Activate
    public NodeCommands(@Reference(name = "knet") Knet knet) {
        this.knet = knet;
    }

    /** One line per handle, host and link. */
    public String nodes() {
        StringBuilder b = new StringBuilder();
        for (KnetHandle h : knet.handles()) {
            b.append(String.format(Locale.ROOT, "node %d forwarding=%s mtu=%d%n", h.hostId(), h.isForwarding(),
                    h.pmtudGet()));
            for (int host : h.hostList()) {
                try {
                    HostStatus hs = h.hostGetStatus(host);
                    b.append(String.format(Locale.ROOT, "  host %d %s policy=%s reachable=%s%n", host,
                            h.hostGetName(host), h.hostGetPolicy(host), hs.reachable()));
                    for (int link : h.linkList(host)) {
                        LinkStatus s = h.linkGetStatus(host, link);
                        b.append(String.format(Locale.ROOT, "    link %d %s -> %s enabled=%s connected=%s "
                                + "latency=%dus mtu=%d%n", link, s.source(), s.destination(), s.enabled(),
                                s.connected(), s.latencyUs(), s.mtu()));
                    }
                } catch (KnetException e) {
                    b.append("  host ").append(host).append(": ").append(e.getMessage()).append('\n');
                }
            }
        }
        return b.length() == 0 ? "no knet handles" : b.toString().stripTrailing();
    }
}
