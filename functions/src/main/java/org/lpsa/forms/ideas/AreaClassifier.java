package org.lpsa.forms.ideas;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lpsa.forms.PriorityArea;

/**
 * Sorts an emailed idea into a priority area: a plus address (ideas+webinars@) or a subject tag
 * ([webinar]) says it outright; otherwise keywords in the subject (counted twice) and the text are
 * scored, and a clear winner takes it; otherwise "other". The reason is kept for admins to see.
 */
public final class AreaClassifier {
    public record Choice(PriorityArea area, String reason) {}

    private static final Map<String, PriorityArea> TAGS = Map.ofEntries(
            Map.entry("knowledge", PriorityArea.KNOWLEDGE_PRODUCTS), Map.entry("knowledge-products", PriorityArea.KNOWLEDGE_PRODUCTS),
            Map.entry("data", PriorityArea.KNOWLEDGE_PRODUCTS), Map.entry("datasets", PriorityArea.KNOWLEDGE_PRODUCTS),
            Map.entry("research", PriorityArea.KNOWLEDGE_PRODUCTS),
            Map.entry("webinar", PriorityArea.WEBINAR_TOPICS), Map.entry("webinars", PriorityArea.WEBINAR_TOPICS),
            Map.entry("webinar-topics", PriorityArea.WEBINAR_TOPICS),
            Map.entry("course", PriorityArea.ONLINE_COURSES), Map.entry("courses", PriorityArea.ONLINE_COURSES),
            Map.entry("online-courses", PriorityArea.ONLINE_COURSES), Map.entry("training", PriorityArea.ONLINE_COURSES),
            Map.entry("convening", PriorityArea.CONVENING), Map.entry("events", PriorityArea.CONVENING),
            Map.entry("knowledge-sharing", PriorityArea.CONVENING),
            Map.entry("chapter", PriorityArea.REGIONAL_CHAPTERS), Map.entry("chapters", PriorityArea.REGIONAL_CHAPTERS),
            Map.entry("regional", PriorityArea.REGIONAL_CHAPTERS), Map.entry("regional-chapters", PriorityArea.REGIONAL_CHAPTERS),
            Map.entry("country", PriorityArea.COUNTRY_SUPPORT), Map.entry("country-support", PriorityArea.COUNTRY_SUPPORT),
            Map.entry("support", PriorityArea.COUNTRY_SUPPORT), Map.entry("technical-support", PriorityArea.COUNTRY_SUPPORT),
            Map.entry("other", PriorityArea.OTHER));

    /** Stems: a word counts when it starts with one ("datasets" counts for "dataset"). */
    private static final Map<PriorityArea, List<String>> KEYWORDS = Map.of(
            PriorityArea.KNOWLEDGE_PRODUCTS, List.of("dataset", "data", "database", "indicator", "report", "publication",
                    "knowledge product", "case stud", "research paper", "toolkit"),
            PriorityArea.WEBINAR_TOPICS, List.of("webinar", "online session", "topic", "speaker", "panel"),
            PriorityArea.ONLINE_COURSES, List.of("course", "training", "curriculum", "e-learning", "module", "certificate", "learning"),
            PriorityArea.CONVENING, List.of("conference", "convening", "workshop", "knowledge sharing", "network",
                    "community of practice", "roundtable", "dialogue"),
            PriorityArea.REGIONAL_CHAPTERS, List.of("chapter", "regional", "region", "latin america", "africa", "asia", "europe",
                    "caribbean", "pacific"),
            PriorityArea.COUNTRY_SUPPORT, List.of("technical support", "country-level", "field", "advisory", "capacity building",
                    "technical assistance", "reform support"));

    private static final Pattern PLUS = Pattern.compile("^[^+@]+\\+([^@]+)@", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT_TAG = Pattern.compile("\\[([A-Za-z-]+)]");
    private static final Map<String, Pattern> STEM_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MIN_SCORE = 2;

    private AreaClassifier() {}

    public static Choice classify(List<String> recipients, String subject, String text) {
        for (String recipient : recipients) {
            Matcher m = PLUS.matcher(recipient.trim());
            if (m.find()) {
                Optional<PriorityArea> area = tag(m.group(1));
                if (area.isPresent()) {
                    return new Choice(area.get(), "plus address +" + m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (subject != null) {
            Matcher m = SUBJECT_TAG.matcher(subject);
            while (m.find()) {
                Optional<PriorityArea> area = tag(m.group(1));
                if (area.isPresent()) {
                    return new Choice(area.get(), "subject tag [" + m.group(1).toLowerCase(Locale.ROOT) + "]");
                }
            }
        }
        return byKeywords(subject, text);
    }

    static Choice byKeywords(String subject, String text) {
        String s = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        Map<PriorityArea, Integer> scores = new EnumMap<>(PriorityArea.class);
        Map<PriorityArea, StringBuilder> hits = new EnumMap<>(PriorityArea.class);
        KEYWORDS.forEach((area, stems) -> {
            int score = 0;
            StringBuilder found = new StringBuilder();
            for (String stem : stems) {
                int n = 2 * count(s, stem) + count(t, stem);
                if (n > 0) {
                    score += n;
                    found.append(found.isEmpty() ? "" : ", ").append(stem).append(" ").append(n);
                }
            }
            scores.put(area, score);
            hits.put(area, found);
        });
        PriorityArea best = null;
        int bestScore = 0;
        int runnerUp = 0;
        for (Map.Entry<PriorityArea, Integer> e : scores.entrySet()) {
            if (e.getValue() > bestScore) {
                runnerUp = bestScore;
                bestScore = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > runnerUp) {
                runnerUp = e.getValue();
            }
        }
        if (best == null || bestScore < MIN_SCORE || bestScore == runnerUp) {
            return new Choice(PriorityArea.OTHER, bestScore == 0 ? "no keywords of any area"
                    : "no clear winner among the keywords (best " + bestScore + ", next " + runnerUp + ")");
        }
        return new Choice(best, "keywords: " + hits.get(best) + " (score " + bestScore + ", next " + runnerUp + ")");
    }

    private static Optional<PriorityArea> tag(String tag) {
        return Optional.ofNullable(TAGS.get(tag.toLowerCase(Locale.ROOT)));
    }

    /** Occurrences of a stem at the start of a word. */
    private static int count(String haystack, String stem) {
        Pattern p = STEM_PATTERNS.computeIfAbsent(stem, k -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k)));
        Matcher m = p.matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
