package org.lpsa.forms.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF between records. */
public final class Csv {
    /** Written first in files, so Excel reads the UTF-8 (names in any script) correctly. */
    static final String BOM = "\uFEFF";
    private static final Pattern PLAIN_SIGNED_NUMBER = Pattern.compile("[+-]\\d+([.:]\\d+)?");

    private Csv() {}

    /** To stdout: guarded the same way, since {@code --format csv > file.csv} ends up in a spreadsheet too. */
    public static void write(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        write(out, columns, rows, true);
    }

    /** A file for people to open in Excel: UTF-8 with a BOM, formulas kept as text. */
    public static void writeFile(Path file, List<String> columns, List<Map<String, Object>> rows) throws IOException {
        try (PrintWriter writer = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            writer.print(BOM);
            write(writer, columns, rows, true);
        }
    }

    /**
     * {@code forSpreadsheet}: for people to open in Excel, where a cell starting with = + - @ (or a tab or
     * carriage return) would run as a formula; such cells get a leading apostrophe, numbers and UTC offsets
     * ({@code -3}, {@code +05:30}) excepted.
     */
    public static void write(PrintWriter out, List<String> columns, List<Map<String, Object>> rows, boolean forSpreadsheet) {
        line(out, columns, false);
        for (Map<String, Object> row : rows) {
            line(out, columns.stream().map(c -> Output.cell(row.get(c))).toList(), forSpreadsheet);
        }
        out.flush();
    }

    static boolean looksLikeFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !PLAIN_SIGNED_NUMBER.matcher(value).matches();
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
        String safe = forSpreadsheet && looksLikeFormula(value) ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
