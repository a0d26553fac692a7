package org.knet4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover figures of the redundant-link cases: logged as {@code FAILOVER policy=.. cut=.. dir=.. gap_ms=..
 * missing=..} when measured, and written as one markdown table (Java directions beside libknet's c->c) when the
 * class ends.
 */
final class FailoverFigures {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverFigures.class);
    static final List<String> DIRECTIONS = List.of("java->c", "c->java", "java->java", "c->c");

    record Figure(String policy, String cut, String dir, double gapMs, long missing) {
        String line() {
            return String.format(Locale.ROOT, "FAILOVER policy=%s cut=%s dir=%s gap_ms=%.1f missing=%d", policy, cut,
                    dir, gapMs, missing);
        }
    }

    private static final List<Figure> FIGURES = new ArrayList<>();

    private FailoverFigures() {
    }

    static synchronized void add(Figure f) {
        FIGURES.add(f);
        LOG.info(f.line());
    }

    /** All figures so far, one FAILOVER line each. */
    static synchronized List<String> lines() {
        return FIGURES.stream().map(Figure::line).toList();
    }

    /** The table: one row per policy and cut kind, one column per direction ("gap ms / missing"). */
    static synchronized void write(Path file, String note) throws IOException {
        if (FIGURES.isEmpty()) {
            return;
        }
        Map<String, Map<String, Figure>> rows = new TreeMap<>();
        for (Figure f : FIGURES) {
            rows.computeIfAbsent(f.cut() + " | " + f.policy(), k -> new TreeMap<>()).put(f.dir(), f);
        }
        StringBuilder b = new StringBuilder("# Failover gaps: link 0 cut mid-run, 2 links, 1000 msg/s\n\n");
        b.append(note).append("\n\n");
        b.append("Each cell: largest interval between consecutive delivered messages (ms) / messages lost. "
                + "c->c is libknet 1.25 on both sides.\n\n");
        b.append("| cut | policy | ").append(String.join(" | ", DIRECTIONS)).append(" |\n");
        b.append("|---|---|").append("---|".repeat(DIRECTIONS.size())).append('\n');
        rows.forEach((key, byDir) -> {
            b.append("| ").append(key).append(" |");
            for (String d : DIRECTIONS) {
                Figure f = byDir.get(d);
                b.append(f == null ? " – |" : String.format(Locale.ROOT, " %.1f / %d |", f.gapMs(), f.missing()));
            }
            b.append('\n');
        });
        b.append("\n```\n");
        lines().forEach(l -> b.append(l).append('\n'));
        b.append("```\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        LOG.info("failover figures written to {}", file.toAbsolutePath());
    }
}
