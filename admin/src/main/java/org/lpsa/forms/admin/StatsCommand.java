package org.lpsa.forms.admin;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "stats", description = "Who is coming and who is missing: registrations by country, region, role, "
        + "time zone offset at meeting time and newsletter opt-ins; ideas by area and channel.")
final class StatsCommand extends AdminCli.Base {
    @Option(names = "--event", required = true, paramLabel = "ID")
    String eventId;
    @Option(names = "--format", defaultValue = "table",
            description = "table (sections), csv (one row per count: group, value, count) or json")
    Output.Format format;

    @Override
    Integer run(AdminData data) {
        Event event = data.eventRepository().find(eventId).orElseThrow(() -> new AdminException("There is no event " + eventId + "."));
        Map<String, Object> stats = stats(event, data.registrations(eventId, null, null, null),
                data.ideas(null, IdeasCommands.ALL_STATUSES, null, null));
        if (format == Output.Format.json) {
            Output.json(out(), stats);
            return 0;
        }
        if (format == Output.Format.csv) {
            Output.records(out(), format, List.of("group", "value", "count"), rows(stats));
            out().flush();
            return 0;
        }
        out().println("Event " + eventId + ": " + event.title() + ", starts " + event.startsAt());
        @SuppressWarnings("unchecked")
        Map<String, Object> registrations = (Map<String, Object>) stats.get("registrations");
        out().println("Registered: " + registrations.get("registered") + ", cancelled: " + registrations.get("cancelled")
                + ", newsletter opt-ins: " + registrations.get("newsletter"));
        section("Country", registrations.get("byCountry"));
        section("Region", registrations.get("byRegion"));
        section("Role", registrations.get("byRole"));
        section("UTC offset at the meeting", registrations.get("byUtcOffset"));
        out().println();
        out().println("Emails: " + line(registrations.get("emails")));
        out().println("Reminders: " + line(registrations.get("reminders")));
        @SuppressWarnings("unchecked")
        Map<String, Object> ideas = (Map<String, Object>) stats.get("ideas");
        out().println();
        out().println("Ideas: " + ideas.get("total"));
        section("Area", ideas.get("byArea"));
        section("Channel", ideas.get("byChannel"));
        out().flush();
        return 0;
    }

    /** "owed 3, sent 120, ..." */
    @SuppressWarnings("unchecked")
    private static String line(Object counts) {
        return String.join(", ", ((Map<String, Integer>) counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    @SuppressWarnings("unchecked")
    private void section(String title, Object counts) {
        out().println();
        List<Map<String, Object>> rows = new ArrayList<>();
        ((Map<String, Integer>) counts).forEach((k, v) -> rows.add(Output.row(title, k, "count", v)));
        Output.table(out(), List.of(title, "count"), rows);
    }

    /** The counts as one list for a spreadsheet: ("country", "NP", 1), ("idea area", "other", 1)... */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> stats) {
        Map<String, Object> registrations = (Map<String, Object>) stats.get("registrations");
        Map<String, Object> ideas = (Map<String, Object>) stats.get("ideas");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String total : List.of("registered", "cancelled", "newsletter")) {
            rows.add(Output.row("group", "registrations", "value", total, "count", registrations.get(total)));
        }
        rows.add(Output.row("group", "ideas", "value", "total", "count", ideas.get("total")));
        Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
        groups.put("country", (Map<String, Integer>) registrations.get("byCountry"));
        groups.put("region", (Map<String, Integer>) registrations.get("byRegion"));
        groups.put("role", (Map<String, Integer>) registrations.get("byRole"));
        groups.put("UTC offset at the meeting", (Map<String, Integer>) registrations.get("byUtcOffset"));
        groups.put("idea area", (Map<String, Integer>) ideas.get("byArea"));
        groups.put("idea channel", (Map<String, Integer>) ideas.get("byChannel"));
        groups.forEach((group, counts) -> counts.forEach((value, count) ->
                rows.add(Output.row("group", group, "value", value, "count", count))));
        return rows;
    }

    /** Where a registration's email stands: owed, sending, retrying, sent, skipped or failed. */
    static String emailState(Map<String, AttributeValue> r) {
        AttributeValue status = r.get("emailStatus");
        String value = status == null ? "SENT" : status.s();
        return switch (value) {
            case "PENDING" -> r.containsKey("emailError") ? "retrying" : "owed";
            case "SENDING" -> "sending";
            case "SKIPPED" -> "skipped";
            case "FAILED" -> "failed";
            default -> "sent";
        };
    }

    /** Counters, in this order, at 0. */
    private static Map<String, Integer> zeros(String... names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : names) {
            counts.put(name, 0);
        }
        return counts;
    }

    /** A number attribute of the item, 0 when absent. */
    private static int count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    /** The counts, registered people only (cancelled ones counted apart). */
    static Map<String, Object> stats(Event event, List<Map<String, AttributeValue>> registrations,
                                     List<Map<String, AttributeValue>> ideas) {
        Map<String, Integer> byCountry = new TreeMap<>();
        Map<String, Integer> byRegion = new TreeMap<>();
        Map<String, Integer> byRole = new TreeMap<>();
        Map<String, Integer> byOffset = new TreeMap<>(Comparator.comparingInt(StatsCommand::offsetMinutes));
        int registered = 0;
        int cancelled = 0;
        int newsletter = 0;
        // each registration's email (confirmation, update, cancellation) by where it stands; owed: waiting for
        // its first send; retrying: put back after SES throttled it or a send failed; throttled: times SES
        // throttled a send (each put back without using an attempt)
        Map<String, Integer> emails = zeros("owed", "sending", "retrying", "sent", "skipped", "failed", "throttled");
        // reminders sent so far, skipped (the address bounced or complained), registrations still owed one,
        // and those whose person turned them off
        Map<String, Integer> reminders = zeros("sent", "skipped", "owed", "turnedOff");
        for (Map<String, AttributeValue> r : registrations) {
            emails.merge(emailState(r), 1, Integer::sum);
            emails.merge("throttled", count(r, "emailThrottled"), Integer::sum);
            reminders.merge("sent", count(r, "remindersSent"), Integer::sum);
            reminders.merge("skipped", count(r, "remindersSkipped"), Integer::sum);
            if (!"registered".equals(r.get("status").s())) {
                cancelled++;
                continue;
            }
            registered++;
            String country = r.get("country").s();
            byCountry.merge(country, 1, Integer::sum);
            byRegion.merge(Regions.of(country), 1, Integer::sum);
            byRole.merge(r.get("role").s(), 1, Integer::sum);
            AttributeValue zone = r.get("timeZone");
            byOffset.merge(offset(event, zone == null ? "UTC" : zone.s()), 1, Integer::sum);
            if (r.containsKey("newsletter") && Boolean.TRUE.equals(r.get("newsletter").bool())) {
                newsletter++;
            }
            if (r.containsKey("remindersOff") && Boolean.TRUE.equals(r.get("remindersOff").bool())) {
                reminders.merge("turnedOff", 1, Integer::sum);
            } else if (r.containsKey("reminderDueAt")) {
                reminders.merge("owed", 1, Integer::sum);
            }
        }
        Map<String, Integer> byArea = new TreeMap<>();
        Map<String, Integer> byChannel = new TreeMap<>();
        for (Map<String, AttributeValue> i : ideas) {
            byArea.merge(i.get("area").s(), 1, Integer::sum);
            byChannel.merge(i.get("channel").s(), 1, Integer::sum);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registered", registered);
        r.put("cancelled", cancelled);
        r.put("newsletter", newsletter);
        r.put("byCountry", byCountry);
        r.put("byRegion", byRegion);
        r.put("byRole", byRole);
        r.put("byUtcOffset", byOffset);
        r.put("reminders", reminders);
        r.put("emails", emails);
        Map<String, Object> idea = new LinkedHashMap<>();
        idea.put("total", ideas.size());
        idea.put("byArea", byArea);
        idea.put("byChannel", byChannel);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("eventId", event.eventId());
        stats.put("title", event.title());
        stats.put("startsAt", event.startsAt().toString());
        stats.put("registrations", r);
        stats.put("ideas", idea);
        return stats;
    }

    /** "UTC+5:30": the registrant's offset at the meeting's start, as their clock will show it. */
    static String offset(Event event, String zone) {
        return MeetingTimes.utcOffset(event.startsAt().atZone(ZoneId.of(zone)).getOffset());
    }

    static int offsetMinutes(String label) {
        if (label.equals("UTC")) {
            return 0;
        }
        int sign = label.charAt(3) == '-' ? -1 : 1;
        String[] parts = label.substring(4).split(":");
        return sign * (Integer.parseInt(parts[0]) * 60 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0));
    }
}
