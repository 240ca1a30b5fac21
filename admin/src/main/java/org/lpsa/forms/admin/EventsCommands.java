package org.lpsa.forms.admin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "events", description = "Meetings and webinars: list, show, put (create or edit) and close.",
        subcommands = {EventsCommands.ListEvents.class, EventsCommands.Show.class, EventsCommands.Put.class, EventsCommands.Close.class,
                EventsCommands.Cancel.class})
final class EventsCommands {
    static final List<String> COLUMNS = List.of("eventId", "title", "startsAt", "durationMinutes", "status", "registrationClosesAt");

    @Command(name = "list", description = "All events, earliest first.")
    static final class ListEvents extends AdminCli.Base {
        @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
        Output.Format format;

        @Override
        Integer run(AdminData data) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Event e : data.events()) {
                rows.add(EventJson.toJson(e));
            }
            Output.records(out(), format, COLUMNS, rows);
            return 0;
        }
    }

    @Command(name = "show", description = "One event as JSON (the shape `events put` takes).")
    static final class Show extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String eventId;

        @Override
        Integer run(AdminData data) {
            Event event = data.eventRepository().find(eventId)
                    .orElseThrow(() -> new AdminException("There is no event " + eventId + "."));
            Output.json(out(), EventJson.toJson(event));
            return 0;
        }
    }

    @Command(name = "put", description = "Create or replace an event from a JSON file (see `events show opm-2022`).")
    static final class Put extends AdminCli.Base {
        @Parameters(paramLabel = "FILE.json")
        Path file;

        @Override
        Integer run(AdminData data) throws Exception {
            Event given;
            try {
                given = EventJson.fromJson(JSON.std.mapFrom(Files.readString(file)));
            } catch (java.io.IOException | RuntimeException e) {
                throw new AdminException("Cannot use " + file + ": " + e.getMessage());
            }
            java.util.Optional<Event> before = data.eventRepository().find(given.eventId());
            java.time.Instant now = java.time.Instant.now();
            boolean moved = before.isPresent() && given.movedFrom(before.get());
            // a change of start, length or join link is a new revision of every calendar entry; anything else keeps it
            Event event = moved ? given.changed(now) : before.map(b -> withChangedAt(given, b.changedAt())).orElse(given);
            data.eventRepository().put(event);
            err().println("Saved event " + event.eventId() + ".");
            if (moved) {
                int told = data.meetingChanges().tell(event, now);
                err().println("The meeting changed: " + told + " registrant(s) will get the new time, and their reminders follow it.");
            }
            Output.json(out(), EventJson.toJson(event));
            return 0;
        }
    }

    private static Event withChangedAt(Event e, java.time.Instant changedAt) {
        return new Event(e.eventId(), e.title(), e.startsAt(), e.duration(), e.organiserZone(), e.referenceCities(), e.joinUrl(),
                e.registrationClosesAt(), e.closed(), changedAt);
    }

    @Command(name = "cancel", description = "The meeting will not take place: close it and tell every registrant, with a "
            + "calendar file that removes it.")
    static final class Cancel extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String eventId;

        @picocli.CommandLine.Option(names = "--message", description = "Words for the registrants (why, what next).")
        String message;

        @Override
        Integer run(AdminData data) {
            java.time.Instant now = java.time.Instant.now();
            if (!data.eventRepository().cancel(eventId, now)) {
                throw new AdminException("No event " + eventId + ", or it was cancelled already (see `events show " + eventId + "`).");
            }
            Event cancelled = data.eventRepository().find(eventId).orElseThrow();
            int told = data.meetingChanges().tellCancelled(cancelled, message, now);
            err().println(eventId + " is cancelled: " + told + " registrant(s) will be told, with a calendar file that removes it.");
            return 0;
        }
    }

    @Command(name = "close", description = "Close an event's registration.")
    static final class Close extends AdminCli.Base {
        @Parameters(paramLabel = "ID")
        String eventId;

        @Override
        Integer run(AdminData data) {
            data.closeEvent(eventId);
            err().println("Registration for " + eventId + " is closed.");
            return 0;
        }
    }
}
