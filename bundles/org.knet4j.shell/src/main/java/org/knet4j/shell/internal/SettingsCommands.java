package org.knet4j.shell.internal;

import java.util.List;
import org.knet4j.api.ClearStatsScope;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;

/** knet:compress, knet:pmtud, knet:loglevel and knet:clearstats: show or change one handle's setting. */
final class SettingsCommands {
    private SettingsCommands() {
    }

    static String compressShow(KnetHandle h, List<String> installed) {
        CompressConfig c = h.compressConfig();
        TablePrinter t = new TablePrinter("MODEL", "THRESHOLD", "LEVEL");
        t.row(c.model(), c.threshold() == 0 ? CompressConfig.DEFAULT_THRESHOLD : c.threshold(), c.level());
        return "handle " + h.hostId() + "\n" + t + "installed models: "
                + (installed.isEmpty() ? "none" : String.join(", ", installed)) + "\n";
    }

    static String compressSet(KnetHandle h, String model, String thresholdWord, String levelWord)
            throws KnetException {
        int threshold = Args.integer(thresholdWord, 0, KnetHandle.MAX_PACKET_SIZE, "compress threshold");
        int level = Args.integer(levelWord, Integer.MIN_VALUE, Integer.MAX_VALUE, "compress level");
        h.compress(new CompressConfig(model, threshold, level));
        return "handle " + h.hostId() + ": compression " + model
                + ("none".equals(model) ? "" : ", threshold " + threshold + ", level " + level) + "\n";
    }

    static String pmtudShow(KnetHandle h) {
        StringBuilder out = new StringBuilder("handle " + h.hostId() + ": data MTU " + h.pmtudGet()
                + ", PMTUd every " + h.pmtudGetFreq() + " s\n");
        TablePrinter t = new TablePrinter("HOST", "LINK", "STATE", "MTU", "OVERHEAD");
        for (int host : h.hostList()) {
            try {
                for (int link : h.linkList(host)) {
                    LinkStatus s = h.linkGetStatus(host, link);
                    t.row(host, link, StatusTables.state(s), s.mtu(), s.protoOverhead());
                }
            } catch (KnetException gone) {
                // removed meanwhile
            }
        }
        return out.append(t).toString();
    }

    /** {@code freq SECONDS} or {@code mtu IFACE_MTU} (0 = back to discovery). */
    static String pmtudSet(KnetHandle h, String what, String value) throws KnetException {
        if ("freq".equals(Args.choice(what, "PMTUd setting", "freq", "mtu"))) {
            int s = Args.integer(value, 1, 86400, "PMTUd interval (s)");
            h.pmtudSetFreq(s);
            return "handle " + h.hostId() + ": PMTUd every " + s + " s\n";
        }
        int mtu = Args.integer(value, 0, 65535, "interface MTU");
        h.pmtudSet(mtu);
        return "handle " + h.hostId() + ": " + (mtu == 0 ? "MTU discovery on" : "interface MTU set to " + mtu)
                + ", data MTU now " + h.pmtudGet() + "\n";
    }

    static String logShow(KnetHandle h) {
        TablePrinter t = new TablePrinter("SUBSYSTEM", "ID", "LEVEL");
        for (LogSubsystem s : LogSubsystem.values()) {
            t.row(s.knetName(), s.id(), h.logGetLevel(s).knetName());
        }
        return "handle " + h.hostId() + "\n" + t;
    }

    /** SUBSYSTEM may be {@code all}. */
    static String logSet(KnetHandle h, String subsystemWord, String levelWord) throws KnetException {
        LogLevel level = Args.logLevel(levelWord);
        if ("all".equalsIgnoreCase(subsystemWord)) {
            for (LogSubsystem s : LogSubsystem.values()) {
                h.logSetLevel(s, level);
            }
            return "handle " + h.hostId() + ": every subsystem at " + level.knetName() + "\n";
        }
        LogSubsystem s = Args.subsystem(subsystemWord);
        h.logSetLevel(s, level);
        return "handle " + h.hostId() + ": " + s.knetName() + " at " + level.knetName() + "\n";
    }

    /** {@code handle} (the handle's counters) or {@code all} (the handle's and every link's). */
    static String clearStats(KnetHandle h, String scopeWord) throws KnetException {
        boolean all = "all".equals(Args.choice(scopeWord, "clear scope", "handle", "all"));
        h.clearStats(all ? ClearStatsScope.HANDLE_AND_LINK : ClearStatsScope.HANDLE_ONLY);
        return "handle " + h.hostId() + ": " + (all ? "handle and link" : "handle") + " counters cleared\n";
    }
}
