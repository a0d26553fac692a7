package org.knet4j.shell.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.HandleStats;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;

/**
 * The read-only views: handles, hosts, links and handle counters as tables. A host or link removed while a table is
 * being built is left out, not reported as an error: the tables are snapshots of a running engine.
 */
final class StatusTables {
    private StatusTables() {
    }

    static String handles(List<KnetHandle> handles) {
        TablePrinter t = new TablePrinter("HANDLE", "HOSTS", "REACHABLE", "LINKS", "UP", "FWD", "DATA_MTU",
                "PMTUD_S", "CRYPTO_TX", "COMPRESS");
        for (KnetHandle h : handles) {
            if (!h.isOpen()) {
                continue;
            }
            int reachable = 0;
            int links = 0;
            int up = 0;
            List<Integer> hosts = h.hostList();
            for (int host : hosts) {
                try {
                    if (h.hostGetStatus(host).reachable()) {
                        reachable++;
                    }
                    for (int link : h.linkList(host)) {
                        links++;
                        if (h.linkGetStatus(host, link).connected()) {
                            up++;
                        }
                    }
                } catch (KnetException gone) {
                    // removed meanwhile
                }
            }
            int slot = h.cryptoGetUseConfig();
            t.row(h.hostId(), hosts.size(), reachable, links, up, yesNo(h.isForwarding()), h.pmtudGet(),
                    h.pmtudGetFreq(), slot == 0 ? "clear" : "slot " + slot, h.compressConfig().model());
        }
        return t.rowCount() == 0 ? "no handles\n" : t.toString();
    }

    static String hosts(List<KnetHandle> handles) {
        TablePrinter t = new TablePrinter("HANDLE", "HOST", "NAME", "POLICY", "REACHABLE", "LINKS", "UP");
        for (KnetHandle h : handles) {
            for (int host : h.hostList()) {
                try {
                    int links = 0;
                    int up = 0;
                    for (int link : h.linkList(host)) {
                        links++;
                        if (h.linkGetStatus(host, link).connected()) {
                            up++;
                        }
                    }
                    t.row(h.hostId(), host, h.hostGetName(host), h.hostGetPolicy(host).name().toLowerCase(java.util.Locale.ROOT),
                            yesNo(h.hostGetStatus(host).reachable()), links, up);
                } catch (KnetException gone) {
                    // removed meanwhile
                }
            }
        }
        return t.rowCount() == 0 ? "no hosts\n" : t.toString();
    }

    /** Links of every host of {@code handles}, or of one host when {@code onlyHost} is not null. */
    static String links(List<KnetHandle> handles, Integer onlyHost) throws KnetException {
        TablePrinter t = new TablePrinter("HANDLE", "HOST", "LINK", "STATE", "SOURCE", "DESTINATION", "LAT_US",
                "PONG_AGO_MS", "PONGS", "PONG_COUNT", "MTU", "TX_PKTS", "RX_PKTS", "TX_BYTES", "RX_BYTES",
                "TX_ERRORS", "RX_DROPPED", "UPS", "DOWNS");
        for (KnetHandle h : handles) {
            List<Integer> hosts = onlyHost == null ? h.hostList() : List.of(onlyHost);
            for (int host : hosts) {
                List<Integer> links;
                try {
                    links = h.linkList(host);
                } catch (KnetException e) {
                    if (onlyHost != null) {
                        throw e; // the user named this host: say it is not there
                    }
                    continue;
                }
                for (int link : links) {
                    try {
                        LinkStatus s = h.linkGetStatus(host, link);
                        var c = s.stats();
                        Object pongAgo = s.pongLastNanos() == 0 ? null : pongAgeMs(s.pongLastNanos());
                        t.row(h.hostId(), host, link, state(s), address(s.source()), address(s.destination()),
                                s.latencyUs(), pongAgo, c.rxPongPackets(), h.linkGetPongCount(host, link), s.mtu(),
                                c.txTotalPackets(), c.rxTotalPackets(), c.txTotalBytes(), c.rxTotalBytes(),
                                c.txTotalErrors(), c.rxDroppedPackets(), c.upCount(), c.downCount());
                    } catch (KnetException gone) {
                        // removed meanwhile
                    }
                }
            }
        }
        return t.rowCount() == 0 ? "no links\n" : t.toString();
    }

    /** Every field of {@link HandleStats}, in the record's order, read by reflection so none is forgotten. */
    static String stats(KnetHandle h) {
        HandleStats s = h.getStats();
        TablePrinter t = new TablePrinter("COUNTER", "VALUE");
        for (RecordComponent rc : HandleStats.class.getRecordComponents()) {
            try {
                t.row(rc.getName(), rc.getAccessor().invoke(s));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + rc.getName(), e);
            }
        }
        return "handle " + h.hostId() + "\n" + t;
    }

    /** Read the clock after the status, or a pong that came in between would be in the future. */
    static long pongAgeMs(long pongNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pongNanos));
    }

    static String state(LinkStatus s) {
        if (!s.enabled()) {
            return "disabled";
        }
        if (!s.dynconnected()) {
            return "waiting"; // a dynamic link that has not heard its peer yet
        }
        return s.connected() ? "up" : "down";
    }

    static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
