package org.lpsa.forms.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.lpsa.forms.Config;
import org.lpsa.forms.Refused;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.EventRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * Registers a person for an event with one conditional write keyed on (eventId, email). The write is
 * the commit point: the confirmation is sent afterwards by the mailer, driven by the stored item.
 */
public final class RegistrationService {
    /** A repeat registration re-sends the confirmation when the last one is older than this... */
    static final Duration RESEND_AFTER = Duration.ofMinutes(10);
    /** ...at most this many times, so the form cannot be used to flood someone's inbox. */
    static final int MAX_RESENDS = 3;

    /** Registrations are deleted this long after their meeting ends (DynamoDB's TTL on expiresAt), as the privacy notice says. */
    public static final Duration KEPT_AFTER_MEETING = Duration.ofDays(365);

    public enum Outcome { REGISTERED, ALREADY_REGISTERED }

    public record Result(Outcome outcome, Event event, Registration registration, boolean resent) {}

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final Clock clock;

    public RegistrationService(EventRepository events, RegistrationRepository registrations, Clock clock) {
        this.events = events;
        this.registrations = registrations;
        this.clock = clock;
    }

    public static RegistrationService fromConfig(Config config, AwsClients clients) {
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new RegistrationService(
                new EventRepository(dynamo, config.require(Config.EVENTS_TABLE), clock),
                new RegistrationRepository(dynamo, config.require(Config.REGISTRATIONS_TABLE)),
                clock);
    }

    /** When DynamoDB deletes a registration for {@code event}: {@link #KEPT_AFTER_MEETING} after it ends. */
    static Instant keepUntil(Event event) {
        return event.endsAt().plus(KEPT_AFTER_MEETING);
    }

    /** The first reminder this registration will get (none when both times have passed). */
    static Reminders.Due firstReminder(Event event, Registration registration) {
        return Reminders.next(event.startsAt(), registration.timeZone(), registration.registeredAt()).orElse(null);
    }

    public Clock clock() {
        return clock;
    }

    /** The event, whether or not it takes registrations; NotFound when there is none. */
    public Event event(String eventId) {
        return events.find(eventId).orElseThrow(() ->
                new Refused.NotFound("eventId", "There is no meeting with this address. Check the link in your invitation."));
    }

    /** The event, if it exists and takes registrations now; NotFound or Conflict otherwise. */
    public Event openEvent(String eventId) {
        return requireOpen(event(eventId));
    }

    private Event requireOpen(Event event) {
        if (!event.acceptsRegistrations(clock.instant())) {
            throw new Refused.Conflict("eventId", "Registration for \"" + event.title() + "\" is closed.");
        }
        return event;
    }

    /**
     * Priming: a registration's own work for a synthetic person and meeting (the checks, the stored item,
     * the meeting read back from its item), its write sent to DynamoDB with a condition that refuses it.
     * Returns the synthetic meeting.
     */
    public Event rehearse(RegistrationRequest request) {
        Event event = EventRepository.rehearsal(clock.instant());
        Registration registration = Registration.newFrom(event.eventId(), request, "json", clock.instant());
        registrations.rehearseInsert(registration, keepUntil(event), firstReminder(event, registration));
        // the answer of a write that was refused: its classes, as the SDK would build it
        PutItemResponse.builder().build();
        return event;
    }

    /** Registers a checked request for an event from {@link #openEvent}, which must still take registrations (Conflict). */
    public Result register(Event event, RegistrationRequest request, String channel) {
        requireOpen(event);
        Instant now = clock.instant();
        Registration registration = Registration.newFrom(event.eventId(), request, channel, now);
        if (registrations.insertIfAbsent(registration, keepUntil(event), firstReminder(event, registration))) {
            return new Result(Outcome.REGISTERED, event, registration, false);
        }
        Registration existing = registrations.find(event.eventId(), request.email()).orElse(registration);
        if (existing.cancelled() && registrations.replaceCancelled(registration, keepUntil(event), firstReminder(event, registration))) {
            return new Result(Outcome.REGISTERED, event, registration, false);
        }
        boolean resent = registrations.requestResend(event.eventId(), request.email(), now.minus(RESEND_AFTER), MAX_RESENDS, now);
        return new Result(Outcome.ALREADY_REGISTERED, event, existing, resent);
    }
}
