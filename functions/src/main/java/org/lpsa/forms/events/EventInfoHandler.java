package org.lpsa.forms.events;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;

/** GET /events/{eventId}: the public facts of a meeting, for the forms. The join link stays private. */
public final class EventInfoHandler extends ApiHandler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);

    private final EventRepository events;
    private final Clock clock;

    public EventInfoHandler() {
        this(Config.fromEnvironment());
    }

    private EventInfoHandler(Config config) {
        this(EventRepository.forFunction(config, new AwsClients(config).dynamoDb(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    public EventInfoHandler(EventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Event event = events.find(request.pathParameter("eventId"))
                .orElseThrow(() -> new ApiException(404, "eventId", "There is no meeting with this address."));
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
