package org.knet4j.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header, a dashed rule, then rows, every column as wide as its widest cell. Numbers are
 * right-aligned so that their digits line up; everything else is left-aligned. Not thread-safe (one per command).
 */
public final class TablePrinter {
    private static final String GAP = "  ";

    private final String[] headers;
    private final List<Object[]> rows = new ArrayList<>();

    public TablePrinter(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = headers.clone();
    }

    /** Add a row of exactly one cell per column; {@code null} prints as "-". */
    public TablePrinter row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.length
                    + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    @Override
    public String toString() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (Object[] r : rows) {
                width[c] = Math.max(width[c], text(r[c]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        String[] rule = new String[headers.length];
        for (int c = 0; c < headers.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width);
        for (Object[] r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Object[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String t = text(cells[c]);
            String pad = " ".repeat(width[c] - t.length());
            if (c > 0) {
                l.append(GAP);
            }
            l.append(cells[c] instanceof Number ? pad + t : t + pad);
        }
        // no trailing blanks: the last column may be left-aligned
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(l, 0, end).append('\n');
    }

    private static String text(Object cell) {
        return cell == null ? "-" : cell.toString();
    }
}
