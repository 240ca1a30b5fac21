package org.lpsa.forms.ideas;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;
import org.lpsa.forms.http.Fields;
import org.lpsa.forms.http.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** POST /ideas: JSON, or a plain HTML form answered 303 to the thank-you page. */
public final class IdeaHandler extends ApiHandler {
    static final String HONEYPOT = "website";
    static final String THANK_YOU_PAGE = "/ideas-thanks.html";
    /**
     * The largest valid idea from a plain form: text, title, name and organization at their limits in
     * characters of four UTF-8 bytes (an emoji), each percent-encoded to 12 bytes, and 4 KB for the rest.
     */
    static final int MAX_BODY_BYTES = (IdeaForm.MAX_TEXT + 3 * IdeaForm.MAX_TITLE) * 12 + 4 * 1024;

    private final IdeaService service;

    public IdeaHandler() {
        this(Config.fromEnvironment());
    }

    private IdeaHandler(Config config) {
        this(build(config));
    }

    public IdeaHandler(IdeaService service) {
        this.service = service;
    }

    private static IdeaService build(Config config) {
        DynamoDbClient dynamo = new AwsClients(config).dynamoDb();
        return new IdeaService(new IdeaRepository(dynamo, config.require(Config.IDEAS_TABLE)),
                new ContactRepository(dynamo, config.require(Config.CONTACTS_TABLE)), Clock.systemUTC());
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Fields fields = Fields.of(request, MAX_BODY_BYTES);
        if (fields.has(HONEYPOT)) {
            Log.info(request.requestId(), "honeypot filled; nothing stored");
            if (fields.isForm()) {
                return ApiResponse.seeOther(THANK_YOU_PAGE);
            }
            // the same answer a stored idea gets, so the trap cannot be told from success
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "received");
            body.put("ideaId", IdeaService.webIdeaId(String.valueOf(fields.text("submissionId")),
                    org.lpsa.forms.registration.RegistrationForm.normaliseEmail(fields.text("email"))));
            body.put("area", fields.text("area"));
            body.put("message", "Thank you: we received your idea.");
            return ApiResponse.json(201, body);
        }
        IdeaService.Result result = service.submit(fields);
        Idea idea = result.idea();
        boolean created = result.outcome() == IdeaService.Outcome.CREATED;
        Log.info(request.requestId(), created ? "idea stored" : "idea sent again", "area", idea.area());
        if (fields.isForm()) {
            return ApiResponse.seeOther(THANK_YOU_PAGE);
        }
        return ApiResponse.json(created ? 201 : 200, body(created ? "received" : "already-received", idea,
                created ? "Thank you: we received your idea." : "We already have this idea; nothing was added."));
    }

    private static Map<String, Object> body(String status, Idea idea, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("ideaId", idea.ideaId());
        body.put("area", idea.area());
        body.put("message", message);
        return body;
    }
}
