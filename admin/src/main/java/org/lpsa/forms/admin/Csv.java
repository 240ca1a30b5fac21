package org.lpsa.forms.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF between records. */
public final class Csv {
    /** Written first in files, so Excel reads the UTF-8 (names in any script) correctly. */
    static final String BOM = "\uFEFF";

    private Csv() {}

    public static void write(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        write(out, columns, rows, false);
    }

    /** A file for people to open in Excel: UTF-8 with a BOM, formulas kept as text. */
    public static void writeFile(Path file, List<String> columns, List<Map<String, Object>> rows) throws IOException {
        try (PrintWriter writer = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            writer.print(BOM);
            write(writer, columns, rows, true);
        }
    }

    /** {@code forSpreadsheet}: a file people open in Excel, where a cell starting with = + - @ would run as a formula. */
    public static void write(PrintWriter out, List<String> columns, List<Map<String, Object>> rows, boolean forSpreadsheet) {
        line(out, columns, false);
        for (Map<String, Object> row : rows) {
            line(out, columns.stream().map(c -> Output.cell(row.get(c))).toList(), forSpreadsheet);
        }
        out.flush();
    }

    static void line(PrintWriter out, List<String> values, boolean forSpreadsheet) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values.get(i), forSpreadsheet));
        }
        out.print(line.append("\r\n"));
    }

    static String field(String value, boolean forSpreadsheet) {
        String safe = forSpreadsheet && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
