package org.lpsa.forms.ideas;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpsa.forms.Config;
import org.lpsa.forms.Log;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.contacts.SourceLimits;
import org.lpsa.forms.http.ApiHandler;
import org.lpsa.forms.http.ApiRequest;
import org.lpsa.forms.http.ApiResponse;
import org.lpsa.forms.http.Fields;

/** POST /ideas: JSON, or a plain HTML form answered 303 to the thank-you page. */
public final class IdeaHandler extends ApiHandler {
    static final String HONEYPOT = "website";
    static final String THANK_YOU_PAGE = "/ideas-thanks.html";
    private static final String RECEIVED = "Thank you: we received your idea.";
    /**
     * The largest valid idea from a plain form: text, title, name and organization at their limits in
     * characters of four UTF-8 bytes (an emoji), each percent-encoded to 12 bytes, and 4 KB for the rest.
     */
    static final int MAX_BODY_BYTES = (IdeaForm.MAX_TEXT + 3 * IdeaForm.MAX_TITLE) * 12 + 4 * 1024;

    private final IdeaService service;
    private final SourceLimits limits;
    private final Priming priming;

    public IdeaHandler() {
        this(Config.fromEnvironment());
    }

    private IdeaHandler(Config config) {
        this(config, new AwsClients(config, AwsClients.Caller.API_REQUEST));
        priming.register();
    }

    /** The function as deployed, on the given clients. */
    public IdeaHandler(Config config, AwsClients clients) {
        this(new IdeaService(new IdeaRepository(clients.dynamoDb(), config.require(Config.IDEAS_TABLE)),
                new ContactRepository(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE)), Clock.systemUTC()),
                new SourceLimits(clients.dynamoDb(), config.require(Config.LIMITS_TABLE), SourceLimits.Limits.fromConfig(config)));
        priming.read(clients.dynamoDb(), config.require(Config.IDEAS_TABLE), "ideaId")
                .read(clients.dynamoDb(), config.require(Config.CONTACTS_TABLE), "email");
    }

    public IdeaHandler(IdeaService service, SourceLimits limits) {
        this.service = service;
        this.limits = limits;
        // an idea with the honeypot filled goes through every check and the answer of a stored one, and is not stored
        this.priming = new Priming("IdeaFunction", Priming.API_ROUNDS)
                .step(() -> rehearse("POST", "/ideas", Map.of(), Map.of(), "application/json", "{\"submissionId\":\"priming-0001\","
                        + "\"area\":\"other\",\"title\":\"Priming\",\"text\":\"Priming.\",\"email\":\"priming@example.org\","
                        + "\"" + HONEYPOT + "\":\"priming\"}"))
                .step(() -> rehearse("POST", "/ideas", Map.of(), Map.of(), FORM,
                        "area=other&title=Priming&text=Priming.&" + HONEYPOT + "=priming"))
                // the count of an idea from a source, sent with a condition DynamoDB refuses
                .step(() -> limits.rehearse(service.clock().instant()));
    }

    public Priming priming() {
        return priming;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Fields fields = Fields.of(request, MAX_BODY_BYTES);
        if (fields.hasText(HONEYPOT)) {
            Log.info(request.requestId(), "honeypot filled; nothing stored");
            // checked like any idea, so the trap answers as a stored idea would and repeats only checked values
            IdeaForm.Submission trapped = IdeaForm.validate(fields);
            return fields.isForm() ? ApiResponse.seeOther(THANK_YOU_PAGE) : ApiResponse.json(201, body("received",
                    IdeaService.webIdeaId(trapped.submissionId(), trapped.email()), trapped.area().id(), RECEIVED));
        }
        IdeaForm.Submission submission = IdeaForm.validate(fields);
        // counted when it would be stored: a source over its limit gets 429 and nothing is stored
        limits.admit(SourceLimits.Kind.IDEA, request.sourceIp(), service.clock().instant());
        IdeaService.Result result = service.submit(submission);
        Idea idea = result.idea();
        boolean created = result.outcome() == IdeaService.Outcome.CREATED;
        Log.info(request.requestId(), created ? "idea stored" : "idea sent again", "area", idea.area());
        if (fields.isForm()) {
            return ApiResponse.seeOther(THANK_YOU_PAGE);
        }
        return ApiResponse.json(created ? 201 : 200, body(created ? "received" : "already-received", idea.ideaId(), idea.area(),
                created ? RECEIVED : "We already have this idea; nothing was added."));
    }

    private static Map<String, Object> body(String status, String ideaId, String area, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("ideaId", ideaId);
        body.put("area", area);
        body.put("message", message);
        return body;
    }
}
