package org.lpsa.forms.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.http.Log;

/** POST /events/{eventId}/registrations: decode, register, answer. */
public final class RegisterHandler extends ApiHandler {
    /** The hidden field people never see: a bot that fills it is answered as if it succeeded. */
    static final String HONEYPOT = "website";

    private final RegistrationService service;

    public RegisterHandler() {
        this(RegistrationService.fromConfig(Config.fromEnvironment()));
    }

    public RegisterHandler(RegistrationService service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Fields fields = Fields.of(request);
        String eventId = request.pathParameter("eventId");
        if (fields.has(HONEYPOT)) {
            Event event = service.openEvent(eventId);
            Log.info(request.requestId(), "honeypot filled; nothing stored", "eventId", eventId);
            return registered(event, RegistrationForm.normaliseEmail(fields.text("email")));
        }
        RegistrationService.Result result = service.register(eventId, fields, fields.isForm() ? "form" : "json");
        Registration r = result.registration();
        boolean created = result.outcome() == RegistrationService.Outcome.REGISTERED;
        Log.info(request.requestId(), created ? "registered" : "already registered", "eventId", r.eventId(),
                "channel", r.channel());
        return created
                ? registered(result.event(), r.email())
                : ApiResponse.json(200, body("already-registered", r.eventId(), r.email(),
                        "You were already registered for " + result.event().title() + " with " + r.email() + "."));
    }

    private static ApiResponse registered(Event event, String email) {
        return ApiResponse.json(201, body("registered", event.eventId(), email,
                "You are registered for " + event.title() + ". A confirmation is on its way to " + email + "."));
    }

    private static Map<String, Object> body(String status, String eventId, String email, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("eventId", eventId);
        if (email != null) {
            body.put("email", email);
        }
        body.put("message", message);
        return body;
    }
}
