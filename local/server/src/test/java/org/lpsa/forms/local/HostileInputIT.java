package org.lpsa.forms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.local.aws.RepoRoot;

/**
 * 3,000 hostile requests across the routes, made from a fixed seed (so a failure can be replayed), each
 * from a source address of its own: none may answer 5xx, none may take 2 seconds.
 */
class HostileInputIT {
    private static final long SEED = 20_261_202L;
    private static final int REQUESTS = 3_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalStack stack;

    /** Values a hostile visitor types: empty, control and invisible characters, markup, injections, look-alikes, sizes. */
    private static final List<String> NASTY = List.of("", " ", "\u0000", "\uFEFF", "\u202Egnp.exe", "<script>alert(1)</script>",
            "' OR 1=1 --", "${jndi:ldap://example.org/a}", "{{7*7}}", "%00", "%ZZ", "%", "+", "&&", "==", "\r\nBcc: victim@example.org",
            "ana@example.org\r\nSubject: hi", "a@b", "@", "@@example.org", "ana@[127.0.0.1]", "\"ana\"@example.org", "ana@localhost",
            "ana@exa mple.org", "Ana <ana@example.org>", "xn--80ak6aa92e.com", "evil\uFF0Ecom", "example[.]com", "http://x.example",
            "\uD83D\uDE00".repeat(50), "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "Z\u0351\u0360\u0353".repeat(200), "9".repeat(400),
            "-1", "1e309", "NaN", "true", "null", "[]", "{}", "other", "demo", "../../etc/passwd", "CON", "a".repeat(20_000));

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.find();
        stack = LocalStack.startOn(root, root.resolve("local/server/target/it-state-hostile"), 0);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void threeThousandHostileRequestsGetNo5xxAndNoAnswerSlowerThanTwoSeconds() throws Exception {
        Random random = new Random(SEED);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(hostile(random, i));
        }
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        java.util.Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HttpRequest request = requests.get(i);
            int n = i;
            done.add(pool.submit(() -> {
                long began = System.nanoTime();
                try {
                    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    long millis = (System.nanoTime() - began) / 1_000_000;
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    if (answer.statusCode() >= 500 || millis >= 2_000) {
                        problems.add("#" + n + " " + request.method() + " " + request.uri().getPath() + ": " + answer.statusCode()
                                + " after " + millis + " ms: " + answer.body().substring(0, Math.min(200, answer.body().length())));
                    }
                } catch (Exception e) {
                    problems.add("#" + n + " " + request.method() + " " + request.uri().getPath() + ": " + e);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " of " + REQUESTS + " failed");
        assertTrue(problems.isEmpty());
        // the mix reached every kind of answer: stored, refused for its content, too large, unknown
        for (int status : List.of(201, 303, 400, 404, 413)) {
            assertTrue(statuses.getOrDefault(status, 0) > 0, "some answered " + status + ": " + statuses);
        }
    }

    private static HttpRequest hostile(Random random, int n) {
        String source = "198.18." + (n >> 8 & 255) + "." + (n & 255);
        return switch (n % 8) {
            case 0 -> post(source, "/events/demo/registrations", "application/json", registrationJson(random, n));
            case 1 -> post(source, "/events/demo/registrations", "application/x-www-form-urlencoded", registrationForm(random, n));
            case 2 -> post(source, "/ideas", "application/json", ideaJson(random, n));
            case 3 -> post(source, "/ideas", "application/x-www-form-urlencoded", ideaForm(random, n));
            case 4 -> post(source, pick(random, List.of("/events/demo/registrations", "/ideas", "/manage", "/events/" + enc(nasty(random))
                    + "/registrations")), pick(random, List.of("application/json", "application/x-www-form-urlencoded", "text/plain",
                    "application/json; charset=latin1", "multipart/form-data; boundary=x", "")), junk(random));
            case 5 -> random.nextBoolean() ? get(source, "/manage?token=" + enc(token(random)) + (random.nextBoolean() ? "&step=delete" : ""))
                    : post(source, "/manage", "application/x-www-form-urlencoded", "token=" + enc(token(random)) + "&action="
                    + enc(pick(random, List.of("cancel", "delete", "", "both", nasty(random)))));
            case 6 -> random.nextBoolean() ? get(source, "/events/" + enc(nasty(random)))
                    : get(source, "/events/demo/registered?token=" + enc(token(random)));
            default -> post(source, pick(random, List.of("/events/demo/registrations", "/ideas")), "application/json", deep(random));
        };
    }

    private static String registrationJson(Random random, int n) {
        return "{\"name\":" + value(random, "Name " + n) + ",\"email\":" + value(random, "hostile" + n + "@example.org")
                + ",\"organization\":" + value(random, "Org") + ",\"role\":" + value(random, "other") + ",\"country\":" + value(random, "KE")
                + ",\"interests\":" + (random.nextBoolean() ? "[\"other\"]" : value(random, "other")) + ",\"newsletter\":"
                + pick(random, List.of("false", "true", "\"yes\"", "null", "1", "[]")) + ",\"timeZone\":" + value(random, "Africa/Nairobi")
                + ",\"website\":" + pick(random, List.of("\"\"", "null", "false", value(random, "")))
                + (random.nextInt(4) == 0 ? ",\"name\":" + value(random, "duplicate") : "") + tail(random);
    }

    private static String registrationForm(Random random, int n) {
        return "name=" + enc(field(random, "Name " + n)) + "&email=" + enc(field(random, "hostile" + n + "@example.org"))
                + "&organization=" + enc(field(random, "Org")) + "&role=" + enc(field(random, "other")) + "&country=" + enc(field(random, "GH"))
                + "&interests=" + enc(field(random, "other")) + (random.nextBoolean() ? "&interests=" + enc(nasty(random)) : "")
                + "&newsletter=" + enc(field(random, "on")) + "&website=" + (random.nextInt(5) == 0 ? enc(nasty(random)) : "")
                + (random.nextInt(4) == 0 ? "&" + nasty(random) : "");
    }

    private static String ideaJson(Random random, int n) {
        return "{\"submissionId\":" + value(random, "hostile-" + n) + ",\"area\":" + value(random, "webinars") + ",\"title\":"
                + value(random, "Title " + n) + ",\"text\":" + value(random, "An idea.") + ",\"email\":" + value(random, "idea" + n + "@example.org")
                + ",\"name\":" + value(random, "Name") + tail(random);
    }

    private static String ideaForm(Random random, int n) {
        return "submissionId=" + enc(field(random, "hostile-" + n)) + "&area=" + enc(field(random, "courses")) + "&title="
                + enc(field(random, "Title")) + "&text=" + enc(field(random, "An idea.")) + "&email=" + enc(field(random, "f" + n + "@example.org"))
                + (random.nextInt(4) == 0 ? "&" + nasty(random) : "");
    }

    /** A JSON value: most often the good one, else a hostile string, a number, an object or an array. */
    private static String value(Random random, String good) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3, 4 -> quote(good);
            case 5 -> quote(nasty(random));
            case 6 -> pick(random, List.of("1", "-0", "1e309", "true", "null", "\"\\ud800\"", "\"\\u0000\""));
            default -> pick(random, List.of("{}", "[]", "[" + quote(good) + "]", "{\"a\":" + quote(good) + "}"));
        };
    }

    private static String field(Random random, String good) {
        return random.nextInt(3) == 0 ? nasty(random) : good;
    }

    private static String nasty(Random random) {
        return pick(random, NASTY);
    }

    /** What ends a JSON body: usually its brace, sometimes nothing, a trailing comma, or more after it. */
    private static String tail(Random random) {
        return pick(random, List.of("}", "}", "}", "", ",}", "}}", "} {\"x\":1}", "}\u0000"));
    }

    private static String deep(Random random) {
        int depth = 1 + random.nextInt(20_000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static byte[] junk(Random random) {
        byte[] bytes = new byte[random.nextInt(4_096)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String token(Random random) {
        return pick(random, List.of(nasty(random), "v2.x", "a.b.c", ".", "eyJ2MiI." + "A".repeat(43), "x".repeat(2_000)));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static HttpRequest post(String source, String path, String type, String body) {
        return post(source, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest post(String source, String path, String type, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url() + path)).timeout(Duration.ofSeconds(5))
                .header("X-Local-Source-Ip", source).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        return request.build();
    }

    private static HttpRequest get(String source, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(stack.url() + pathAndQuery)).timeout(Duration.ofSeconds(5))
                .header("X-Local-Source-Ip", source).GET().build();
    }
}
