package org.lpsa.forms.registration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Json;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.contacts.SourceLimits;
import org.lpsa.forms.events.Event;
import org.lpsa.forms.events.MeetingTimes;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.http.Pages;

/**
 * POST /events/{eventId}/registrations (JSON, or a plain HTML form answered 303 to the thank-you page)
 * and GET /events/{eventId}/registered?token=T, that thank-you page.
 */
public final class RegisterHandler extends ApiHandler {
    /** The hidden field people never see: a bot that fills it is answered as if it succeeded. */
    static final String HONEYPOT = "website";
    static final Duration THANKS_LINK_LIFETIME = Duration.ofDays(1);

    /** A complete registration, for an event id that cannot exist: priming reads it through, stores nothing. */
    private static final String REHEARSAL = "{\"name\":\"Priming\",\"email\":\"priming@example.org\",\"organization\":\"Priming\","
            + "\"role\":\"other\",\"country\":\"NP\",\"interests\":[\"other\"],\"newsletter\":false,\"timeZone\":\"Asia/Kathmandu\"}";

    private final RegistrationService service;
    private final LinkTokens tokens;
    private final SourceLimits limits;
    private final String privacyContact;
    private final Priming priming;
    static final String DEFAULT_PRIVACY_CONTACT = "privacy@decentralization.net";

    public RegisterHandler() {
        this(Config.fromEnvironment());
    }

    private RegisterHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.API_REQUEST));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public RegisterHandler(Config config, AwsClients clients) {
        TokenSecret secret = new TokenSecret(config, clients);
        this.service = RegistrationService.fromConfig(config, clients);
        this.tokens = LinkTokens.of(secret);
        this.limits = new SourceLimits(clients.dynamoDb(), config.require(Config.LIMITS_TABLE), SourceLimits.Limits.fromConfig(config));
        this.privacyContact = config.get(Config.PRIVACY_CONTACT, DEFAULT_PRIVACY_CONTACT);
        this.priming = new Priming("RegisterFunction", Priming.API_ROUNDS)
                .read(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), "eventId")
                .read(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE), "eventId", "email")
                .step(secret::get)
                .step(this::rehearse)
                .onRestore(secret::expire)
                // each restored copy draws its own link ids
                .onRestore(LinkIds::renew);
    }

    public RegisterHandler(RegistrationService service, LinkTokens tokens, SourceLimits limits) {
        this(service, tokens, limits, DEFAULT_PRIVACY_CONTACT);
    }

    /** {@code privacyContact}: the address the privacy notice names for questions and requests about data. */
    public RegisterHandler(RegistrationService service, LinkTokens tokens, SourceLimits limits, String privacyContact) {
        this.privacyContact = privacyContact;
        this.service = service;
        this.tokens = tokens;
        this.limits = limits;
        this.priming = new Priming("RegisterFunction", Priming.API_ROUNDS).step(this::rehearse);
    }

    public Priming priming() {
        return priming;
    }

    /**
     * A registration for an event that cannot exist, read through to its 404 as a form and as JSON, then
     * the rest of a registration's own work (checks, the count and the item, each write sent with a condition
     * DynamoDB refuses, the thank-you link, the answer).
     */
    private void rehearse() {
        Map<String, String> path = Map.of("eventId", Priming.IMPOSSIBLE_KEY);
        rehearse("POST", "/events/" + Priming.IMPOSSIBLE_KEY + "/registrations", path, Map.of(), "application/json", REHEARSAL);
        rehearse("POST", "/events/" + Priming.IMPOSSIBLE_KEY + "/registrations", path, Map.of(), FORM,
                "name=Priming&email=priming%40example.org&organization=Priming&role=other&country=NP&interests=other");
        limits.rehearse(service.clock().instant());
        Event event = service.rehearse(RegistrationForm.validate(Fields.ofJson(Json.map(Json.parse(REHEARSAL)))));
        thankYouLocation(event.eventId());
        registered(event, "priming@example.org");
    }

    @Override
    protected boolean answersWithPages(ApiRequest request) {
        return request.method().equals("GET") || super.answersWithPages(request);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            return register(request);
        }
        if (request.path().equals("/privacy")) {
            return Pages.page(200, "registration/templates/privacy", new PublicPages.PrivacyPage(privacyContact,
                    RegistrationService.KEPT_AFTER_MEETING.toDays(), FormWording.newsletter(FormWording.CURRENT)));
        }
        if (request.path().endsWith("/register")) {
            return registerPage(request.pathParameter("eventId"));
        }
        return thankYouPage(request);
    }

    /** The meeting's registration page: when it is, and the form (or, once closed, that it is closed). */
    private ApiResponse registerPage(String eventId) {
        Event event = service.event(eventId);
        ApiResponse page = Pages.page(200, "registration/templates/registerPage", PublicPages.registerPage(event,
                service.clock().instant(), FormWording.CURRENT, FormWording.newsletter(FormWording.CURRENT)));
        page.headers().put("cache-control", "public, max-age=60");
        return page;
    }

    private ApiResponse register(ApiRequest request) {
        Fields fields = Fields.of(request);
        String eventId = request.pathParameter("eventId");
        if (fields.hasText(HONEYPOT)) {
            Event event = service.openEvent(eventId);
            Log.info(request.requestId(), "honeypot filled; nothing stored", "eventId", eventId);
            // checked like any registration, so the trap answers as one would and repeats only a checked address
            String email = RegistrationForm.validate(fields).email();
            return fields.isForm() ? ApiResponse.seeOther(thankYouLocation(event.eventId())) : registered(event, email);
        }
        // the thank-you link is signed before the write, so a failure to sign never follows a stored registration
        String thanks = fields.isForm() ? thankYouLocation(eventId) : null;
        // the event first (404, 409), as before: then the form's own checks (400)
        Event event = service.openEvent(eventId);
        RegistrationRequest checked = RegistrationForm.validate(fields);
        // counted when it would be stored: a source over its limit gets 429 and nothing is stored or sent
        limits.admit(SourceLimits.Kind.REGISTRATION, request.sourceIp(), service.clock().instant());
        RegistrationService.Result result = service.register(event, checked, fields.isForm() ? "form" : "json");
        Registration r = result.registration();
        boolean created = result.outcome() == RegistrationService.Outcome.REGISTERED;
        Log.info(request.requestId(), created ? "registered" : "already registered", "eventId", r.eventId(),
                "channel", r.channel(), "resent", result.resent());
        if (fields.isForm()) {
            return ApiResponse.seeOther(thanks);
        }
        if (created) {
            return registered(result.event(), r.email());
        }
        return ApiResponse.json(200, body("already-registered", r.eventId(), r.email(),
                "You were already registered for " + result.event().title() + " with " + r.email() + "."
                        + (result.resent() ? " We are sending the confirmation again." : "")));
    }

    private String thankYouLocation(String eventId) {
        Instant expires = service.clock().instant().plus(THANKS_LINK_LIFETIME);
        // the link names the meeting only: the address stays out of URLs (logs, histories, referrers)
        String token = tokens.issue(LinkTokens.REGISTERED, eventId, "", expires);
        return "/events/" + eventId + "/registered?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** What the thank-you page shows: the meeting and when it starts (UTC and reference cities); never the address. */
    public record ThankYou(String title, String when) {}

    private ApiResponse thankYouPage(ApiRequest request) {
        String eventId = request.pathParameter("eventId");
        tokens.verify(request.query().get("token"), LinkTokens.REGISTERED, service.clock().instant())
                .filter(c -> c.eventId().equals(eventId))
                .orElseThrow(() -> new ApiException(400, "token", "This page's link is not valid or has expired."));
        Event event = service.event(eventId);
        String when = MeetingTimes.inUtc(event.startsAt()) + (event.referenceCities().isEmpty() ? ""
                : " (" + MeetingTimes.referenceLine(event.startsAt(), event.referenceCities()) + ")");
        return Pages.page(200, "registration/templates/thankYou", new ThankYou(event.title(), when));
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
