package org.lpsa.forms.registration;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
import org.lpsa.forms.Html;
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
        if (request.method().equals("POST")) {
            return act(request);
        }
        if (request.path().endsWith("/done")) {
            return done(request.query().get("action"));
        }
        if ("delete".equals(request.query().get("step"))) {
            return confirmDelete(request.query().get("token"));
        }
        return show(request.query().get("token"));
    }

    /** Deleting cannot be undone, so the manage page asks once more before the button that does it. */
    private ApiResponse confirmDelete(String token) {
        ManageService.View view = service.view(token);
        if (view.registration().isEmpty()) {
            return show(token);
        }
        String back = "/manage?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        return Pages.page(200, "Delete your registration?", "<p>This removes your registration for <strong>"
                + Html.escape(view.event().title()) + "</strong> and what it holds about you. It cannot be undone.</p>"
                + actionForm(token, "delete", "Yes, delete my registration and my data", "Nothing is sent.")
                + "<p><a href=\"" + Html.escape(back) + "\">No, keep it</a></p>");
    }

    private ApiResponse show(String token) {
        ManageService.View view = service.view(token);
        String title = view.event().title();
        Optional<Registration> found = view.registration();
        if (found.isEmpty()) {
            return Pages.page(404, "No registration found", "<p>We hold no registration for this link for <strong>"
                    + Html.escape(title) + "</strong>. It may have been deleted.</p>");
        }
        Registration r = found.get();
        StringBuilder body = new StringBuilder();
        body.append("<p><strong>").append(Html.escape(title)).append("</strong><br>")
                .append(Html.escape(MeetingTimes.inZone(view.event().startsAt(), r.timeZone()))).append("</p>");
        body.append("<p>Registered: ").append(Html.escape(r.name())).append(", ").append(Html.escape(r.email()))
                .append(", ").append(Html.escape(r.organization())).append("</p>");
        if (r.cancelled()) {
            body.append("<p>This registration is <strong>cancelled</strong>. To take part after all, register again with the same address.</p>");
        } else {
            body.append(actionForm(token, "cancel", "Cancel my registration",
                    "I can no longer attend. You will get a short email saying it is cancelled."));
        }
        String confirm = "/manage?step=delete&token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        body.append("<h2>Delete</h2><p>Removes this registration and everything it holds about you. You are asked once more.</p>")
                .append("<p><a href=\"").append(Html.escape(confirm)).append("\">Delete my registration and my data</a></p>");
        return Pages.page(200, "Your registration", body.toString());
    }

    private static String actionForm(String token, String action, String button, String explanation) {
        return "<form method=\"post\" action=\"/manage\"><input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token)
                + "\"><input type=\"hidden\" name=\"action\" value=\"" + action + "\"><p>" + Html.escape(explanation)
                + "</p><button type=\"submit\">" + Html.escape(button) + "</button></form>";
    }

    private ApiResponse act(ApiRequest request) {
        Fields fields = Fields.of(request);
        String token = fields.text("token");
        String action = fields.text("action");
        if ("cancel".equals(action)) {
            boolean cancelled = service.cancel(token);
            return ApiResponse.seeOther(cancelled ? "/manage/done?action=cancelled" : "/manage/done?action=unchanged");
        }
        if ("delete".equals(action)) {
            service.delete(token);
            return ApiResponse.seeOther("/manage/done?action=deleted");
        }
        throw new ApiException(400, "action", "Choose cancel or delete.");
    }

    private static ApiResponse done(String action) {
        if ("deleted".equals(action)) {
            return Pages.page(200, "Your registration is deleted",
                    "<p>We removed your registration and what it held about you.</p>");
        }
        if ("cancelled".equals(action)) {
            return Pages.page(200, "Your registration is cancelled",
                    "<p>Thank you for letting us know. We sent you a short email saying so. You can register again at any time before the meeting.</p>");
        }
        if ("unchanged".equals(action)) {
            return Pages.page(200, "Nothing to cancel",
                    "<p>This registration was already cancelled or deleted, so nothing changed and no email was sent.</p>");
        }
        return Pages.page(200, "Done", "<p>Nothing else to do here.</p>");
    }
}
