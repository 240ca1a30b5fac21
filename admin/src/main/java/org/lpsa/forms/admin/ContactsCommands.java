package org.lpsa.forms.admin;

import org.lpsa.forms.EmailAddress;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "contacts", description = "One person across every table: export (what we hold) or forget (erase).",
        subcommands = {ContactsCommands.Forget.class, ContactsCommands.Export.class})
final class ContactsCommands {
    @Command(name = "forget", description = "Erase a person from every table, and the original messages of their emailed ideas.")
    static final class Forget extends AdminCli.Base {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
        Output.Format format;

        @Override
        Integer run(AdminData data) {
            String normalised = EmailAddress.normalise(email);
            List<Map<String, Object>> removed = data.forget(normalised);
            Output.records(out(), format, List.of("table", "key"), removed);
            err().println(removed.isEmpty() ? "Nothing was held about that address." : "Removed " + removed.size() + " records.");
            return 0;
        }
    }

    @Command(name = "export", description = "Everything held about a person, as one JSON document.")
    static final class Export extends AdminCli.Base {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        Integer run(AdminData data) {
            Output.json(out(), data.everythingAbout(EmailAddress.normalise(email)));
            return 0;
        }
    }
}
