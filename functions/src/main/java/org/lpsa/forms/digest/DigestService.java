package org.lpsa.forms.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lpsa.forms.PriorityArea;
import org.lpsa.forms.aws.Items;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.events.MeetingTimes;
import org.lpsa.forms.ideas.Idea;
import org.lpsa.forms.ideas.IdeaRepository;
import org.lpsa.forms.mail.DigestEmail;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.registration.Registration;
import org.lpsa.forms.registration.RegistrationRepository;

/**
 * The admins' daily digest, sent by the first run at or after 08:00 in the organisers' zone on a day with
 * something new since the last digest: registrations per meeting, new ideas per area, and the quarantined
 * ideas waiting for review. Read through indexes (registrations by UTC day of registering, ideas by status),
 * never by reading whole tables.
 */
public final class DigestService {
    public static final LocalTime HOUR = LocalTime.of(8, 0);
    /** The first digest, or one after a long gap, covers at most this far back; older ones are in the admin tool. */
    static final Duration LONGEST = Duration.ofDays(31);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    public enum Outcome { OFF, NOT_YET, HANDLED_TODAY, NOTHING_NEW, SENT }

    /** Who gets the digest (blank: nobody), the organisers' zone, the admin tool's options for this deployment, the sender. */
    public record Settings(String adminEmail, ZoneId organiserZone, String adminToolOptions, String from) {}

    private final RegistrationRepository registrations;
    private final IdeaRepository ideas;
    private final EventRepository events;
    private final DigestState state;
    private final EmailSender sender;
    private final Settings settings;

    DigestService(RegistrationRepository registrations, IdeaRepository ideas, EventRepository events, DigestState state,
                  EmailSender sender, Settings settings) {
        this.registrations = registrations;
        this.ideas = ideas;
        this.events = events;
        this.state = state;
        this.sender = sender;
        this.settings = settings;
    }

    public Outcome run(Instant now) {
        if (settings.adminEmail() == null || settings.adminEmail().isBlank()) {
            return Outcome.OFF;
        }
        ZonedDateTime local = now.atZone(settings.organiserZone());
        if (local.toLocalTime().isBefore(HOUR)) {
            return Outcome.NOT_YET;
        }
        LocalDate today = local.toLocalDate();
        DigestState.Last last = state.last();
        if (today.equals(last.day()) || !state.claim(today, now)) {
            return Outcome.HANDLED_TODAY;
        }
        Instant since = last.sentUpTo() != null ? last.sentUpTo() : today.minusDays(1).atTime(HOUR).atZone(settings.organiserZone()).toInstant();
        try {
            DigestEmail.Model model = gather(since.isBefore(now.minus(LONGEST)) ? now.minus(LONGEST) : since, now, today);
            if (model.nothingNew()) {
                // the day is handled, and nothing came in up to now: the next digest starts here
                return Outcome.NOTHING_NEW;
            }
            sender.send(DigestEmail.compose(model, settings.from(), settings.adminEmail()));
        } catch (RuntimeException failed) {
            state.release(today, last);
            throw failed;
        }
        return Outcome.SENT;
    }

    /** What a digest for the window (after {@code since}, up to {@code now}) would say; reads only. */
    DigestEmail.Model gather(Instant since, Instant now, LocalDate today) {
        Map<String, Integer> perMeeting = new TreeMap<>();
        LocalDate last = now.atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = since.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (var r : registrations.registeredOn(day, since, now)) {
                if (Registration.REGISTERED.equals(Items.string(r, "status"))) {
                    perMeeting.merge(Items.string(r, "eventId"), 1, Integer::sum);
                }
            }
        }
        String sinceDate = since.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        List<DigestEmail.Meeting> meetings = new ArrayList<>();
        perMeeting.forEach((eventId, count) -> meetings.add(new DigestEmail.Meeting(
                events.find(eventId).map(Event::title).orElse(eventId), count,
                admin("registrations list --event " + eventId + " --since " + sinceDate))));
        meetings.sort(Comparator.comparingInt(DigestEmail.Meeting::registrations).reversed());

        Map<PriorityArea, Integer> perArea = new TreeMap<>();
        Map<String, Integer> unknownAreas = new TreeMap<>();
        for (String status : List.of(Idea.NEW, Idea.QUARANTINED, Idea.REVIEWED)) {
            for (Idea idea : ideas.receivedBetween(status, since, now)) {
                PriorityArea.byId(idea.area()).ifPresentOrElse(area -> perArea.merge(area, 1, Integer::sum),
                        () -> unknownAreas.merge(String.valueOf(idea.area()), 1, Integer::sum));
            }
        }
        List<DigestEmail.Area> areas = new ArrayList<>();
        perArea.forEach((area, count) -> areas.add(new DigestEmail.Area(area.label(), count)));
        unknownAreas.forEach((area, count) -> areas.add(new DigestEmail.Area(area, count)));

        String place = MeetingTimes.placeName(settings.organiserZone());
        return new DigestEmail.Model(DAY.format(today), SINCE.format(since.atZone(settings.organiserZone())) + " " + place + " time",
                meetings, areas, admin("ideas list --since " + sinceDate), ideas.countWithStatus(Idea.QUARANTINED),
                admin("ideas list --status quarantined"));
    }

    /** A window in which nothing can have happened, read and worded as a digest: for priming; stores and sends nothing. */
    public void rehearse() {
        DigestEmail.Model model = gather(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), LocalDate.EPOCH);
        DigestEmail.compose(model, settings.from(), "priming@example.org");
    }

    private String admin(String command) {
        String options = settings.adminToolOptions();
        return "./lpsa admin " + (options == null || options.isBlank() ? "" : options.trim() + " ") + command;
    }
}
