package org.lpsa.forms.admin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lpsa admin}: registrations, ideas, events and contacts, for the Alliance's admins. */
@Command(name = "lpsa admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Query, export and manage registrations, ideas, events and contacts.",
        subcommands = {EventsCommands.class, RegistrationsCommands.class, IdeasCommands.class, StatsCommand.class,
                ContactsCommands.class})
public final class AdminCli {
    @Option(names = "--local", scope = CommandLine.ScopeType.INHERIT,
            description = "Use the local stack started with ./lpsa local (found through .lpsa/local.json).")
    boolean local;

    @Option(names = "--profile", scope = CommandLine.ScopeType.INHERIT, description = "AWS profile (default: the default chain).")
    String profile;

    @Option(names = "--region", scope = CommandLine.ScopeType.INHERIT, description = "AWS region (default: the profile's).")
    String region;

    @Option(names = "--stack", scope = CommandLine.ScopeType.INHERIT, defaultValue = "lpsa-forms",
            description = "The deployed stack's name; tables are STACK-Events and so on (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--local-file", scope = CommandLine.ScopeType.INHERIT, hidden = true, defaultValue = ".lpsa/local.json")
    Path localFile;

    /** Set by tests to run against given clients. */
    Target preset;

    public static void main(String[] args) {
        System.exit(run(new AdminCli(), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(AdminCli cli, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof AdminException admin) {
                err.println(admin.getMessage());
                return 1;
            }
            err.println("Failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 2;
        });
        return commandLine.execute(args);
    }

    Target target() {
        if (preset != null) {
            return preset;
        }
        return local ? Target.local(localFile) : Target.aws(stack, profile, region);
    }

    /** The frame of every command: the target, stdout for the document, stderr for the rest. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        AdminCli root() {
            return (AdminCli) spec.root().userObject();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** Progress on a terminal only: piped output stays quiet. */
        void progress(String message) {
            if (System.console() != null) {
                err().print("\r" + message + "   ");
                err().flush();
            }
        }

        void endProgress() {
            if (System.console() != null) {
                err().println();
            }
        }

        @Override
        public final Integer call() throws Exception {
            Target target = root().target();
            try {
                return run(new AdminData(target, this::progress));
            } finally {
                endProgress();
                if (root().preset == null) {
                    target.close();
                }
            }
        }

        abstract Integer run(AdminData data) throws Exception;

        static Instant since(String date) {
            if (date == null) {
                return null;
            }
            try {
                return date.contains("T") ? Instant.parse(date) : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new AdminException("--since takes a date such as 2022-06-01 (or an instant such as 2022-06-01T09:00:00Z).");
            }
        }
    }
}
