package org.knet4j.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a TablePrinter table back into rows keyed by header, for assertions on command output. */
final class Tables {
    private Tables() {
    }

    /** The rows of the first table in {@code text} (the header is the line above the first dashed rule). */
    static List<Map<String, String>> parse(String text) {
        String[] lines = text.split("\n");
        int rule = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].matches("-+( +-+)*")) {
                rule = i;
                break;
            }
        }
        if (rule < 0) {
            throw new AssertionError("no table in:\n" + text);
        }
        // column boundaries come from the dashed rule, so cells may hold single spaces
        List<int[]> cols = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-+").matcher(lines[rule]);
        while (m.find()) {
            cols.add(new int[] {m.start(), m.end()});
        }
        List<String> headers = cells(lines[rule - 1], cols);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = rule + 1; i < lines.length; i++) {
            if (lines[i].length() < cols.get(0)[1] || lines[i].startsWith("installed") || lines[i].isBlank()) {
                break;
            }
            List<String> c = cells(lines[i], cols);
            Map<String, String> row = new LinkedHashMap<>();
            for (int k = 0; k < headers.size(); k++) {
                row.put(headers.get(k), c.get(k));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> cells(String line, List<int[]> cols) {
        List<String> out = new ArrayList<>();
        for (int[] c : cols) {
            int from = Math.min(c[0], line.length());
            int to = Math.min(c[1], line.length());
            out.add(line.substring(from, to).trim());
        }
        return out;
    }

    /** The single row whose {@code key} column equals {@code value}. */
    static Map<String, String> row(String text, String key, String value) {
        List<Map<String, String>> hits = parse(text).stream().filter(r -> value.equals(r.get(key))).toList();
        if (hits.size() != 1) {
            throw new AssertionError(hits.size() + " rows with " + key + "=" + value + " in:\n" + text);
        }
        return hits.get(0);
    }
}
