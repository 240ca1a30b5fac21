package org.lpsa.forms.registration;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.events.MeetingTimes;
import org.lpsa.forms.http.ApiException;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.http.Pages;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /manage?token=T shows; POST /manage (token, action) cancels or deletes; GET /manage/done says so. */
public final class ManageHandler extends ApiHandler {
    private final ManageService service;
    private final Priming priming;

    public ManageHandler() {
        this(Config.fromEnvironment());
    }

    private ManageHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.API_REQUEST));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public ManageHandler(Config config, AwsClients clients) {
        this(config, clients, new TokenSecret(config, clients));
    }

    private ManageHandler(Config config, AwsClients clients, TokenSecret secret) {
        this(build(config, clients, secret));
        priming.read(clients.dynamoDb(), config.require(Config.EVENTS_TABLE), "eventId")
                .read(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE), "eventId", "email")
                // a link id no registration has, looked up through the index as a manage link's is
                .call(() -> new RegistrationRepository(clients.dynamoDb(), config.require(Config.REGISTRATIONS_TABLE))
                        .findByLinkId(LinkIds.next()))
                .step(secret::get)
                .onRestore(secret::expire);
    }

    public ManageHandler(ManageService service) {
        this.service = service;
        // a link that is not valid: the token is checked (HMAC with the secret) and the page explains; nothing changes
        this.priming = new Priming("ManageFunction", Priming.API_ROUNDS)
                .step(() -> rehearse("GET", "/manage", Map.of(), Map.of("token", Priming.IMPOSSIBLE_KEY), null, null))
                .step(() -> rehearse("POST", "/manage", Map.of(), Map.of(), FORM, "token=" + Priming.IMPOSSIBLE_KEY + "&action=cancel"))
                .step(() -> done("cancelled"));
    }

    public Priming priming() {
        return priming;
    }

    private static ManageService build(Config config, AwsClients clients, TokenSecret secret) {
        DynamoDbClient dynamo = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new ManageService(new EventRepository(dynamo, config.require(Config.EVENTS_TABLE), clock),
                new RegistrationRepository(dynamo, config.require(Config.REGISTRATIONS_TABLE)),
                new ContactRepository(dynamo, config.require(Config.CONTACTS_TABLE)),
                LinkTokens.of(secret), clock);
    }

    @Override
    protected boolean answersWithPages(ApiRequest request) {
        return true;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        if (request.path().equals("/unsubscribe")) {
            return unsubscribe(request);
        }
        if (request.method().equals("POST")) {
            return act(request);
        }
        if (request.path().endsWith("/done")) {
            return done(request.query().get("action"), request.query().get("changed"), request.query().get("zone"));
        }
        if ("delete".equals(request.query().get("step"))) {
            return confirmDelete(request.query().get("token"));
        }
        return show(request.query().get("token"));
    }

    /** What the manage page shows of a registration, the token its forms carry, and what the update form offers. */
    public record Manage(String token, String title, String when, String name, String email, String organization,
                         boolean cancelled, String deleteLink, String timeZone, List<PublicPages.Option> zones,
                         List<Choice> interests, boolean newsletter, String newsletterWording, boolean reminders) {}

    /** An option of the update form, checked or not. */
    public record Choice(String value, String label, boolean checked) {}

    /** The page of a reminder's unsubscribe link: a button, or that it is done. */
    public record Unsubscribe(String token, boolean done) {}

    /** What the page after an update says changed. */
    public record Done(String action, boolean timeZone, boolean interests, boolean newsletter, String reminders, String place) {}

    /** What the page asking once more before deleting shows. */
    public record ConfirmDelete(String token, String title, String back) {}

    /** Deleting cannot be undone, so the manage page asks once more before the button that does it. */
    private ApiResponse confirmDelete(String token) {
        ManageService.View view = service.view(token);
        String back = "/manage?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        return Pages.page(200, "registration/templates/confirmDelete", new ConfirmDelete(token, view.event().title(), back));
    }

    private ApiResponse show(String token) {
        ManageService.View view = service.view(token);
        String title = view.event().title();
        Registration r = view.registration();
        String confirm = "/manage?step=delete&token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        List<Choice> interests = java.util.Arrays.stream(org.lpsa.forms.PriorityArea.values())
                .map(a -> new Choice(a.id(), a.label(), r.interests().contains(a.id()))).toList();
        return Pages.page(200, "registration/templates/manage", new Manage(token, title,
                MeetingTimes.inZone(view.event().startsAt(), r.timeZone()), r.name(), r.email(), r.organization(), r.cancelled(), confirm,
                r.timeZone().getId(), PublicPages.zoneOptions(), interests, r.newsletter(), FormWording.newsletter(FormWording.CURRENT), !r.remindersOff()));
    }

    private ApiResponse act(ApiRequest request) {
        Fields fields = Fields.of(request);
        String token = fields.text("token");
        String action = fields.text("action");
        if ("cancel".equals(action)) {
            boolean cancelled = service.cancel(token);
            return ApiResponse.seeOther(cancelled ? "/manage/done?action=cancelled" : "/manage/done?action=unchanged");
        }
        if ("update".equals(action)) {
            RegistrationForm.Changes changes = RegistrationForm.changes(fields);
            ManageService.Updated updated = service.update(token, changes);
            return ApiResponse.seeOther("/manage/done?action=updated&changed=" + (updated.timeZone() ? "timeZone," : "")
                    + (updated.interests() ? "interests," : "") + (updated.newsletter() ? "newsletter," : "")
                    + (updated.reminders() ? (Boolean.TRUE.equals(changes.reminders()) ? "remindersOn," : "remindersOff,") : "")
                    + "&zone=" + java.net.URLEncoder.encode(updated.zone().getId(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if ("delete".equals(action)) {
            service.delete(token);
            return ApiResponse.seeOther("/manage/done?action=deleted");
        }
        throw new ApiException(400, "action", "Choose to update, cancel or delete.");
    }

    /**
     * A reminder's List-Unsubscribe link: POST (a mail client's one-click, RFC 8058, or the page's button) turns
     * the reminders off and answers 200; GET shows a page with the button, changing nothing.
     */
    private ApiResponse unsubscribe(ApiRequest request) {
        String token = request.query().get("token");
        if (request.method().equals("POST")) {
            service.remindersOff(token);
            return Pages.page(200, "registration/templates/unsubscribe", new Unsubscribe(token, true));
        }
        service.view(token);
        return Pages.page(200, "registration/templates/unsubscribe", new Unsubscribe(token, false));
    }

    private static ApiResponse done(String action) {
        return done(action, "", null);
    }

    private static ApiResponse done(String action, String changed, String zone) {
        String place = null;
        if (zone != null) {
            try {
                place = MeetingTimes.placeName(java.time.ZoneId.of(zone));
            } catch (java.time.DateTimeException notAZone) {
                // the page says the zone changed without naming it
            }
        }
        String list = changed == null ? "" : changed;
        return Pages.page(200, "registration/templates/manageDone", new Done(action == null ? "" : action,
                list.contains("timeZone"), list.contains("interests"), list.contains("newsletter"),
                list.contains("remindersOn") ? "on" : list.contains("remindersOff") ? "off" : null, place));
    }
}
