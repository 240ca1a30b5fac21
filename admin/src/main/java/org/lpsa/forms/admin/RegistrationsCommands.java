package org.lpsa.forms.admin;

import org.lpsa.forms.EmailAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "registrations", description = "Who registered: list, export for Zoom, cancel.",
        subcommands = {RegistrationsCommands.ListRegistrations.class, RegistrationsCommands.Export.class,
                RegistrationsCommands.Cancel.class})
final class RegistrationsCommands {
    static final List<String> COLUMNS = List.of("email", "name", "organization", "role", "country", "timeZone", "interests",
            "newsletter", "status", "registeredAt", "emailStatus", "nextReminder", "remindersSent");
    /** The columns Zoom's registrant import reads first, then what else helps the host. */
    static final List<String> ZOOM_COLUMNS = List.of("Email", "First Name", "Last Name", "Organization", "Country/Region",
            "Job Title", "Registered At");

    static List<Map<String, Object>> rows(List<Map<String, AttributeValue>> items) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            Map<String, Object> plain = Records.plain(item);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            COLUMNS.forEach(c -> row.put(c, plain.get(c)));
            // the reminders' state: the next one owed ("DAY_BEFORE at ..."), "off" when the person turned them off
            row.put("nextReminder", Boolean.TRUE.equals(plain.get("remindersOff")) ? "off"
                    : plain.get("reminderKind") == null ? "" : plain.get("reminderKind") + " at " + plain.get("reminderDueAt"));
            row.put("remindersSent", plain.getOrDefault("remindersSent", 0));
            rows.add(row);
        }
        return rows;
    }

    @Command(name = "list", description = "The registrations of one event, with every stored field.")
    static final class ListRegistrations extends AdminCli.Base {
        @Option(names = "--event", required = true, paramLabel = "ID")
        String eventId;
        @Option(names = "--country", paramLabel = "CC", description = "Only this country (ISO code, e.g. KE).")
        String country;
        @Option(names = "--role", paramLabel = "R", description = "Only this role, e.g. government-official.")
        String role;
        @Option(names = "--since", paramLabel = "DATE", description = "Only those registered on or after DATE (2022-06-01).")
        String since;
        @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
        Output.Format format;

        @Override
        Integer run(AdminData data) {
            Output.records(out(), format, COLUMNS, rows(data.registrations(eventId, country, role, since(since))));
            return 0;
        }
    }

    @Command(name = "export", description = "The registered (not cancelled) people of one event as a CSV file for Zoom's "
            + "registrant import; UTF-8 with a BOM, so Excel shows names in any script.")
    static final class Export extends AdminCli.Base {
        @Option(names = "--event", required = true, paramLabel = "ID")
        String eventId;
        @Option(names = "--out", required = true, paramLabel = "FILE.csv")
        Path file;

        @Override
        Integer run(AdminData data) throws Exception {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, AttributeValue> item : data.registrations(eventId, null, null, null)) {
                Map<String, Object> r = Records.plain(item);
                if (!"registered".equals(r.get("status"))) {
                    continue;
                }
                String[] names = splitName(String.valueOf(r.get("name")));
                String country = String.valueOf(r.get("country"));
                rows.add(Output.row("Email", r.get("email"), "First Name", names[0], "Last Name", names[1],
                        "Organization", r.get("organization"), "Country/Region", new Locale("", country).getDisplayCountry(Locale.ENGLISH),
                        "Job Title", r.get("role"), "Registered At", r.get("registeredAt")));
            }
            Csv.writeFile(file, ZOOM_COLUMNS, rows);
            err().println("Wrote " + rows.size() + " registrations of " + eventId + " to " + file + ".");
            return 0;
        }

        /** Zoom wants first and last names: the last word is the last name ("Ana María Pérez" -> "Ana María", "Pérez"). */
        static String[] splitName(String name) {
            String trimmed = name.strip();
            int space = trimmed.lastIndexOf(' ');
            return space < 0 ? new String[] {trimmed, ""} : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1)};
        }
    }

    @Command(name = "cancel", description = "Cancel one registration; the person gets the short notice.")
    static final class Cancel extends AdminCli.Base {
        @Option(names = "--event", required = true, paramLabel = "ID")
        String eventId;
        @Option(names = "--email", required = true, paramLabel = "E")
        String email;

        @Override
        Integer run(AdminData data) {
            String normalised = EmailAddress.normalise(email);
            if (!data.cancelRegistration(eventId, normalised)) {
                throw new AdminException("No active registration of " + normalised + " for " + eventId + ".");
            }
            err().println("Cancelled the registration of " + normalised + " for " + eventId + ".");
            return 0;
        }
    }
}
