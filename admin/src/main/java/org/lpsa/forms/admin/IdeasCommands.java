package org.lpsa.forms.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.ideas.Idea;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "ideas", description = "Ideas for the work programme: list, show, set-area, release, review, export.",
        subcommands = {IdeasCommands.ListIdeas.class, IdeasCommands.Show.class, IdeasCommands.SetArea.class,
                IdeasCommands.Release.class, IdeasCommands.Review.class, IdeasCommands.Export.class})
final class IdeasCommands {
    static final List<String> COLUMNS = List.of("ideaId", "channel", "submissionId", "messageId", "area", "areaReason", "status",
            "receivedAt", "name", "email", "title");
    static final List<String> ALL_STATUSES = List.of(Idea.NEW, Idea.QUARANTINED, Idea.REVIEWED);

    static List<Map<String, Object>> rows(List<Map<String, AttributeValue>> items, List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            Map<String, Object> plain = Records.plain(item);
            Map<String, Object> row = new LinkedHashMap<>();
            columns.forEach(c -> row.put(c, plain.get(c)));
            rows.add(row);
        }
        return rows;
    }

    /** Options shared by list and export. */
    static final class Filters {
        @Option(names = "--area", paramLabel = "A", description = "knowledge-products, webinar-topics, online-courses, convening, "
                + "regional-chapters, country-support or other")
        String area;
        @Option(names = "--channel", paramLabel = "web|email")
        String channel;
        @Option(names = "--status", paramLabel = "new|quarantined|reviewed")
        String status;
        @Option(names = "--since", paramLabel = "DATE")
        String since;

        List<Map<String, AttributeValue>> read(AdminData data) {
            if (area != null && PriorityArea.byId(area).isEmpty()) {
                throw new AdminException("Unknown area " + area + ": use one of " + String.join(", ", PriorityArea.ids()) + ".");
            }
            if (status != null && !AdminData.isIdeaStatus(status)) {
                throw new AdminException("--status is new, quarantined or reviewed.");
            }
            if (channel != null && !List.of(Idea.WEB, Idea.EMAIL).contains(channel)) {
                throw new AdminException("--channel is web or email.");
            }
            return data.ideas(area, status == null ? ALL_STATUSES : List.of(status), channel, AdminCli.Base.since(since));
        }
    }

    @Command(name = "list", description = "Ideas, newest first.")
    static final class ListIdeas extends AdminCli.Base {
        @picocli.CommandLine.Mixin
        Filters filters;
        @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
        Output.Format format;

        @Override
        Integer run(AdminData data) {
            Output.records(out(), format, COLUMNS, rows(filters.read(data), COLUMNS));
            return 0;
        }
    }

    @Command(name = "show", description = "One idea in full, with its text and the S3 key of the original message.")
    static final class Show extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String ideaId;

        @Override
        Integer run(AdminData data) {
            Output.json(out(), Records.plain(data.idea(ideaId)));
            return 0;
        }
    }

    @Command(name = "set-area", description = "Put an idea in another priority area.")
    static final class SetArea extends AdminCli.Base {
        @Parameters(index = "0", paramLabel = "ID")
        String ideaId;
        @Parameters(index = "1", paramLabel = "AREA")
        String area;

        @Override
        Integer run(AdminData data) {
            if (PriorityArea.byId(area).isEmpty()) {
                throw new AdminException("Unknown area " + area + ": use one of " + String.join(", ", PriorityArea.ids()) + ".");
            }
            data.setArea(ideaId, area);
            err().println("Idea " + ideaId + " is now in " + area + ".");
            return 0;
        }
    }

    @Command(name = "release", description = "Release a quarantined idea into the list of new ones (no acknowledgement is sent).")
    static final class Release extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String ideaId;

        @Override
        Integer run(AdminData data) {
            data.setStatus(ideaId, Idea.QUARANTINED, Idea.NEW);
            err().println("Idea " + ideaId + " is released.");
            return 0;
        }
    }

    @Command(name = "review", description = "Mark a new idea as reviewed.")
    static final class Review extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String ideaId;

        @Override
        Integer run(AdminData data) {
            data.setStatus(ideaId, Idea.NEW, Idea.REVIEWED);
            err().println("Idea " + ideaId + " is marked reviewed.");
            return 0;
        }
    }

    @Command(name = "export", description = "Ideas with their full text as a CSV file (UTF-8 with a BOM, for Excel).")
    static final class Export extends AdminCli.Base {
        @picocli.CommandLine.Mixin
        Filters filters;
        @Option(names = "--out", required = true, paramLabel = "FILE.csv")
        Path file;

        @Override
        Integer run(AdminData data) throws Exception {
            List<String> columns = new ArrayList<>(COLUMNS);
            columns.addAll(List.of("country", "organization", "eventId", "text", "s3Key"));
            List<Map<String, Object>> rows = rows(filters.read(data), columns);
            Csv.writeFile(file, columns, rows);
            err().println("Wrote " + rows.size() + " ideas to " + file + ".");
            return 0;
        }
    }
}
