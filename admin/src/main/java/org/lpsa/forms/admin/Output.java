package org.lpsa.forms.admin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records as an aligned table for people, CSV (a header row, one row per record) or one JSON
 * document; with csv and json, stdout carries the document and nothing else.
 */
public final class Output {
    public enum Format { table, csv, json }

    private static final int MAX_CELL = 48;

    private Output() {}

    public static void records(PrintWriter out, Format format, List<String> columns, List<Map<String, Object>> rows) {
        switch (format) {
            case json -> json(out, rows);
            case csv -> Csv.write(out, columns, rows);
            case table -> table(out, columns, rows);
        }
        out.flush();
    }

    public static void json(PrintWriter out, Object document) {
        try {
            out.println(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    static void table(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
        }
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String cell = cell(row.get(columns.get(c))).replaceAll("\\s+", " ");
                if (cell.codePointCount(0, cell.length()) > MAX_CELL) {
                    cell = cell.substring(0, cell.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
                }
                widths[c] = Math.max(widths[c], cell.codePointCount(0, cell.length()));
                line.add(cell);
            }
            cells.add(line);
        }
        printLine(out, columns, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        printLine(out, rule, widths);
        for (List<String> line : cells) {
            printLine(out, line, widths);
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static void printLine(PrintWriter out, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            String v = values.get(c);
            line.append(v).append(" ".repeat(Math.max(0, widths[c] - v.codePointCount(0, v.length()))));
            if (c < values.size() - 1) {
                line.append("  ");
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** A value as one cell: lists joined with "; ". */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(String.valueOf(v)));
            return String.join("; ", parts);
        }
        return String.valueOf(value);
    }

    /** An ordered map, for building rows. */
    public static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            row.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return row;
    }
}
