package org.lpsa.forms.events;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;

/** GET /events/{eventId}: the public facts of a meeting, for the forms. The join link stays private. */
public final class EventInfoHandler extends ApiHandler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);

    private final EventRepository events;
    private final Clock clock;
    private final Priming priming;

    public EventInfoHandler() {
        this(Config.fromEnvironment());
    }

    private EventInfoHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.API_REQUEST));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public EventInfoHandler(Config config, AwsClients clients) {
        this(new EventRepository(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), Clock.systemUTC()), Clock.systemUTC());
        priming.read(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), "eventId");
    }

    public EventInfoHandler(EventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
        // an event that cannot exist (its 404), then the description of a synthetic one
        this.priming = new Priming("EventInfoFunction", Priming.API_ROUNDS)
                .step(() -> rehearse("GET", "/events/" + Priming.IMPOSSIBLE_KEY, Map.of("eventId", Priming.IMPOSSIBLE_KEY), Map.of(),
                        null, null))
                .step(() -> describe(new Event(Priming.IMPOSSIBLE_KEY, "Priming", clock.instant(), java.time.Duration.ofHours(1),
                        ZoneId.of("UTC"), List.of(new Event.ReferenceCity("Kathmandu", ZoneId.of("Asia/Kathmandu"))), null, null, false)));
    }

    public Priming priming() {
        return priming;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Event event = events.find(request.pathParameter("eventId"))
                .orElseThrow(() -> new ApiException(404, "eventId", "There is no meeting with this address."));
        return describe(event);
    }

    private ApiResponse describe(Event event) {
        List<Map<String, Object>> cities = new ArrayList<>();
        for (Event.ReferenceCity city : event.referenceCities()) {
            ZonedDateTime local = event.startsAt().atZone(city.zone());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("label", city.label());
            c.put("zone", city.zone().getId());
            c.put("localStart", local.toOffsetDateTime().toString());
            c.put("localTime", TIME.format(local));
            cities.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("title", event.title());
        body.put("startsAt", event.startsAt().toString());
        body.put("endsAt", event.endsAt().toString());
        body.put("durationMinutes", event.duration().toMinutes());
        body.put("referenceCities", cities);
        body.put("referenceLine", MeetingTimes.referenceLine(event.startsAt(), event.referenceCities()));
        body.put("registrationOpen", event.acceptsRegistrations(clock.instant()));
        if (event.registrationClosesAt() != null) {
            body.put("registrationClosesAt", event.registrationClosesAt().toString());
        }
        ApiResponse response = ApiResponse.json(200, body);
        response.headers().put("cache-control", "public, max-age=60");
        return response;
    }
}
