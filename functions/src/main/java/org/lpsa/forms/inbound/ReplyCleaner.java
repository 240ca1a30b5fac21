package org.lpsa.forms.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps the sender's own words: cuts the quoted reply ("On ... wrote:", Outlook's "From: ... Sent:"
 * block, "-----Original Message-----", lines starting with ">") and the signature ("-- ", "Sent from
 * my ..."). The original message stays in S3 for admins.
 */
public final class ReplyCleaner {
    /** Attribution lines that start a quoted reply, in the languages the Alliance hears from most. */
    private static final List<Pattern> ATTRIBUTION = List.of(
            Pattern.compile("^\\s*On\\b.{0,200}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Le\\b.{0,200}\\ba écrit\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*El\\b.{0,200}\\bescribió:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Am\\b.{0,200}\\bschrieb.{0,80}:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Em\\b.{0,200}\\bescreveu:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{2,}\\s*(Forwarded|Reply) message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE));
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\s*\\*?(From|De|Von|Van)\\s*:\\*?\\s+.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_NEXT = Pattern.compile("^\\s*\\*?(Sent|Date|Envoyé|Gesendet|Enviado|To|À)\\s*:\\*?.*",
            Pattern.CASE_INSENSITIVE);
    /** Where Outlook's text part stands in for an inline image: "[cid:image001.png@01D87C]". */
    private static final Pattern INLINE_IMAGE = Pattern.compile("^\\s*\\[cid:[^\\]]*]\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*_{8,}\\s*$");
    private static final Pattern MOBILE_SIGNATURE = Pattern.compile("^\\s*(Sent from my|Sent from Outlook|Get Outlook for|Envoyé de mon)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private ReplyCleaner() {}

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (startsQuote(lines, i)) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            if (MOBILE_SIGNATURE.matcher(line).matches() || INLINE_IMAGE.matcher(line).matches()) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        return tidy(kept);
    }

    private static boolean startsQuote(String[] lines, int i) {
        String line = lines[i];
        for (Pattern p : ATTRIBUTION) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        // "On Fri, 10 Jun 2022 at 14:02, Name <a@b>" wrapped before "wrote:"
        if (i + 1 < lines.length && line.trim().matches("(?i)^(On|Le|El|Am|Em)\\b.*") && !line.trim().endsWith(".")) {
            String joined = line.trim() + " " + lines[i + 1].trim();
            for (Pattern p : ATTRIBUTION) {
                if (p.matcher(joined).matches()) {
                    return true;
                }
            }
        }
        // Outlook: an optional rule of underscores, then "From: ..." followed by "Sent:" or "Date:" within two lines
        int from = RULE.matcher(line).matches() && i + 1 < lines.length ? i + 1 : i;
        if (OUTLOOK_FROM.matcher(lines[from]).matches()) {
            for (int j = from + 1; j <= from + 2 && j < lines.length; j++) {
                if (OUTLOOK_NEXT.matcher(lines[j]).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Trims blank lines at both ends and collapses runs of more than one blank line. */
    static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                blanks++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blanks > 0 ? "\n\n" : "\n");
            }
            out.append(line);
            blanks = 0;
        }
        return out.toString();
    }
}
