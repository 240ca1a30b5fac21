package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.mail.OutgoingEmail;

/**
 * Every email from one design: inline styles only, nothing remote, the Alliance as header, a preheader,
 * at most one primary button, absolute https links; its text part holds the same links, in the same order.
 * (How each renders at 360 and 600 px is BrowserIT's.)
 */
class EmailDesignTest {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern FACT = Pattern.compile("<th scope=\"row\"[^>]*>([^<]*)</th><td[^>]*>([^<]*)</td>");

    @Test
    void everyEmailFollowsTheDesignAndItsTextHoldsTheSameLinksInOrder() {
        for (Map.Entry<String, OutgoingEmail> sample : EmailSamples.all().entrySet()) {
            String name = sample.getKey();
            String html = sample.getValue().html();
            String text = sample.getValue().text();
            String lower = html.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("<link") || lower.contains("<script") || lower.contains("<style"), name + ": inline CSS only, no scripts");
            assertFalse(lower.contains("<img") && !lower.contains("alt="), name + ": images carry alt text");
            assertFalse(Pattern.compile("src=\"(https?:)?//").matcher(lower).find(), name + ": nothing remote is loaded");
            assertTrue(html.contains("max-width:600px") && html.contains("font-family:-apple-system"), name + ": one column, system fonts");
            assertTrue(html.contains(">Local Public Sector Alliance</div>"), name + ": the Alliance's name as header");
            assertTrue(html.contains("display:none;max-height:0"), name + ": a preheader line");
            assertTrue(html.indexOf("display:inline-block;padding:12px 24px") == html.lastIndexOf("display:inline-block;padding:12px 24px"),
                    name + ": at most one primary button");
            assertTrue(text.startsWith("LOCAL PUBLIC SECTOR ALLIANCE"), name + ": the text part starts as the HTML does");

            List<String> links = new ArrayList<>();
            Matcher m = HREF.matcher(html);
            while (m.find()) {
                links.add(m.group(1).replace("&amp;", "&"));
            }
            Matcher fact = FACT.matcher(html);
            int facts = 0;
            while (fact.find()) {
                String line = unescape(fact.group(1)) + ": " + unescape(fact.group(2));
                assertTrue(text.contains(line), name + ": the text part states the fact " + line + "\n" + text);
                facts++;
            }
            assertTrue(facts > 0 || name.equals("cancellation") || name.equals("digest"), name + ": the facts as a table");
            int from = 0;
            for (String link : links) {
                assertTrue(URI.create(link).isAbsolute() && link.startsWith("https://"), name + ": absolute https link " + link);
                int at = text.indexOf(link, from);
                assertTrue(at >= 0, name + ": the text part has " + link + " after the links before it\n" + text);
                from = at;
            }
        }
    }

    @Test
    void theConfirmationHasItsFactsButtonsAndCalendarLinks() {
        OutgoingEmail confirmation = EmailSamples.all().get("confirmation");
        String html = confirmation.html();
        String text = confirmation.text();
        for (String fact : List.of("Your time", "5:45 PM", "Kathmandu", "UTC", "12:00 PM UTC", "Length", "90 minutes", "Where", "Online, on Zoom")) {
            assertTrue(html.contains(fact), "the HTML's facts: " + fact);
            assertTrue(text.contains(fact), "the text's facts: " + fact);
        }
        assertTrue(html.contains(">Join on Zoom</a>") && html.contains("href=\"" + EmailSamples.MEETING.joinUrl() + "\""), "the join button");
        assertTrue(html.contains("href=\"" + EmailSamples.MANAGE + "\""), "the manage link");

        Map<String, String> google = query(link(html, "https://calendar.google.com/calendar/render?"));
        assertEquals("TEMPLATE", google.get("action"));
        assertEquals("20270610T120000Z/20270610T133000Z", google.get("dates"), "the event's start and end in UTC");
        assertEquals("LPSA Open Planning Meeting", google.get("text"));
        assertTrue(google.get("details").contains(EmailSamples.MEETING.joinUrl()));
        for (String outlook : List.of("https://outlook.live.com/calendar/0/action/compose?", "https://outlook.office.com/calendar/0/action/compose?")) {
            Map<String, String> compose = query(link(html, outlook));
            assertEquals("addevent", compose.get("rru"));
            assertEquals("2027-06-10T12:00:00Z", compose.get("startdt"));
            assertEquals("2027-06-10T13:30:00Z", compose.get("enddt"));
            assertEquals("LPSA Open Planning Meeting", compose.get("subject"));
        }
    }

    @Test
    void theIdeaAcknowledgementFollowsTheSameDesignWithWhatHappensNext() {
        String html = EmailSamples.all().get("idea-acknowledgement").html();
        assertTrue(html.contains("max-width:600px") && html.contains(">Local Public Sector Alliance</div>"));
        assertTrue(html.contains("What happens next"));
        assertTrue(html.contains("href=\"" + EmailSamples.SITE + "/ideas.html\"") && html.contains(">Send another idea</a>"), "its one button");
        assertTrue(html.contains("Webinar topics"), "the priority area in words");
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String link(String html, String prefix) {
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                return m.group(1).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no link starting " + prefix);
    }

    private static Map<String, String> query(String link) {
        Map<String, String> values = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return values;
    }
}
