package org.lpsa.forms.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreKeptAsTextOnStdoutToo() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "=HYPERLINK(\"http://x\",\"click\")");
        row.put("org", "@SUM(A1)");
        row.put("offset", "-05:00");
        row.put("count", "-3");
        row.put("note", "-dash first");
        StringWriter text = new StringWriter();
        Csv.write(new PrintWriter(text), List.of("name", "org", "offset", "count", "note"), List.of(row));
        assertEquals("name,org,offset,count,note\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'@SUM(A1),-05:00,-3,'-dash first\r\n",
                text.toString());
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("plain", Csv.field("plain", true));
        assertEquals("\"a,b\"", Csv.field("a,b", true));
        assertEquals("\"line\nbreak\"", Csv.field("line\nbreak", true));
        assertEquals("+05:30", Csv.field("+05:30", true));
        assertEquals("'\tTAB", Csv.field("\tTAB", true));
    }
}
