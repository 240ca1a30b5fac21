package org.lpsa.forms.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lpsa.forms.local.aws.LambdaInvoker;
import org.lpsa.forms.local.aws.LocalTemplate;

/**
 * The HTTP API of template.yaml on loopback: each request matched to a route, turned into an API
 * Gateway payload 2.0 event, handed to the route's function in this JVM, and its response written back.
 */
final class ApiGatewayStandIn {
    /** API Gateway's own limit on a request body. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/x-www-form-urlencoded",
            "application/xml", "text/plain", "text/html", "text/csv");

    private record Route(String method, String template, Pattern pattern, List<String> names, LambdaInvoker function,
                         TokenBucket throttle) {}

    /**
     * API Gateway's throttling of one route: a bucket of {@code burst} requests, refilled at {@code rate} a
     * second; a request that finds it empty is answered 429 before any function runs.
     */
    static final class TokenBucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long refilledAt = System.nanoTime();

        TokenBucket(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final LocalTemplate.Cors cors;
    private final LocalTemplate.Throttle throttle;

    /** {@code throttle}: each route's limits, as the template sets them; null for none. */
    ApiGatewayStandIn(LocalTemplate.Cors cors, LocalTemplate.Throttle throttle) {
        this.cors = cors;
        this.throttle = throttle;
    }

    void add(LocalTemplate.HttpRoute route, LambdaInvoker function) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.path());
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(route.path().substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(route.path().substring(last))).append("$");
        routes.add(new Route(route.method(), route.path(), Pattern.compile(regex.toString()), names, function,
                throttle == null ? null : new TokenBucket(throttle.ratePerSecond(), throttle.burst())));
    }

    List<String> describe() {
        return routes.stream().map(r -> r.method() + " " + r.template() + "  ->  " + r.function().functionName()).toList();
    }

    /** Handles the exchange when a route matches; false when none does. */
    boolean handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (cors.allows(origin)) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
        if (method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
            return preflight(exchange, origin, path);
        }
        Optional<Route> match = routes.stream().filter(r -> r.method().equals(method) && r.pattern().matcher(path).matches()).findFirst();
        if (match.isEmpty()) {
            return false;
        }
        if (match.get().throttle() != null && !match.get().throttle().take()) {
            exchange.getRequestBody().readNBytes(MAX_PAYLOAD + 1);
            LocalHttp.send(exchange, 429, "application/json", "{\"message\":\"Too Many Requests\"}");
            return true;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD + 1);
        if (body.length > MAX_PAYLOAD) {
            LocalHttp.send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
            return true;
        }
        Route route = match.get();
        Matcher m = route.pattern().matcher(path);
        m.matches();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        for (int i = 0; i < route.names().size(); i++) {
            pathParameters.put(route.names().get(i), java.net.URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
        }
        byte[] response;
        try {
            response = route.function().invoke(JSON.std.asBytes(event(exchange, route, pathParameters, body)));
        } catch (RuntimeException e) {
            // what API Gateway answers when the function itself fails
            System.err.println("{\"level\":\"ERROR\",\"message\":\"function failed\",\"function\":\""
                    + route.function().functionName() + "\",\"error\":\"" + e.getClass().getName() + "\"}");
            LocalHttp.send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            return true;
        }
        writeResponse(exchange, JSON.std.mapFrom(response));
        return true;
    }

    /** API Gateway answers CORS preflights itself, from the API's CorsConfiguration, for any route. */
    private boolean preflight(HttpExchange exchange, String origin, String path) throws IOException {
        if (routes.stream().noneMatch(r -> r.pattern().matcher(path).matches())) {
            return false;
        }
        if (cors.allows(origin)) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
            if (cors.maxAge() > 0) {
                exchange.getResponseHeaders().set("Access-Control-Max-Age", Integer.toString(cors.maxAge()));
            }
        }
        LocalHttp.send(exchange, 204, new byte[0]);
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static Map<String, Object> event(HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        String contentType = String.valueOf(headers.getOrDefault("content-type", "")).split(";")[0].trim().toLowerCase(Locale.ROOT);
        // as HTTP APIs do: a body is handed over as text only when it is text and its bytes are UTF-8; otherwise
        // base64 (isBase64Encoded), so the function sees the bytes that were sent, not replacement characters
        boolean text = (contentType.startsWith("text/") || TEXT_TYPES.contains(contentType)) && isUtf8(body);
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        // X-Local-Source-Ip lets tests and load runs act as several clients; without it, the peer's address
        String claimed = exchange.getRequestHeaders().getFirst("X-Local-Source-Ip");
        http.put("sourceIp", claimed != null && !claimed.isBlank() ? claimed.trim() : exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.method() + " " + route.template());
        context.put("stage", "$default");
        context.put("timeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.method() + " " + route.template());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        event.put("rawQueryString", rawQuery);
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static void writeResponse(HttpExchange exchange, Map<String, Object> response) throws IOException {
        int status = ((Number) response.getOrDefault("statusCode", 200)).intValue();
        Headers out = exchange.getResponseHeaders();
        Object headers = response.get("headers");
        if (headers instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.set(String.valueOf(k), String.valueOf(v)));
        }
        Object cookies = response.get("cookies");
        if (cookies instanceof List<?> list) {
            list.forEach(c -> out.add("Set-Cookie", String.valueOf(c)));
        }
        Object body = response.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode(body.toString())
                : body.toString().getBytes(StandardCharsets.UTF_8);
        LocalHttp.send(exchange, status, bytes);
    }
}
