package org.lpsa.forms.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.lpsa.forms.Json;

/** The parts of an API Gateway HTTP API (payload 2.0) event that handlers use. */
public record ApiRequest(String requestId, String method, String path, Map<String, String> headers,
                         Map<String, String> query, Map<String, String> pathParameters, byte[] body, String sourceIp) {

    public static ApiRequest fromEvent(Map<String, Object> event, String requestId) {
        Map<String, Object> http = Json.map(Json.map(event.get("requestContext")).get("http"));
        Map<String, String> headers = new HashMap<>();
        Json.map(event.get("headers")).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        String body = (String) event.get("body");
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            bytes = Base64.getMimeDecoder().decode(body);
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new ApiRequest(requestId,
                String.valueOf(http.getOrDefault("method", "GET")),
                String.valueOf(http.getOrDefault("path", event.getOrDefault("rawPath", "/"))),
                headers, strings(event.get("queryStringParameters")), strings(event.get("pathParameters")), bytes,
                sourceIp(String.valueOf(http.getOrDefault("sourceIp", "unknown")), headers, ORIGIN_SECRET));
    }

    /** The secret CloudFront adds to requests it forwards (template: OriginSecret); empty where there is none. */
    private static final String ORIGIN_SECRET = System.getenv().getOrDefault("ORIGIN_SECRET", "");

    /**
     * The visitor's address: the one API Gateway saw (locally X-Local-Source-Ip or 127.0.0.1), or, when the
     * request came through our CloudFront distribution (it carries the distribution's secret header), the
     * address CloudFront saw, from CloudFront-Viewer-Address ("203.0.113.5:443", "2001:db8::1:443").
     */
    static String sourceIp(String seenByApiGateway, Map<String, String> headers, String originSecret) {
        String viewer = headers.get("cloudfront-viewer-address");
        String verify = headers.get("x-origin-verify");
        if (viewer == null || verify == null || originSecret.isEmpty() || !java.security.MessageDigest.isEqual(
                verify.getBytes(StandardCharsets.UTF_8), originSecret.getBytes(StandardCharsets.UTF_8))) {
            return seenByApiGateway;
        }
        int port = viewer.lastIndexOf(':');
        return port > 0 ? viewer.substring(0, port) : viewer;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type of the body without parameters, lower-cased; empty when none was sent. */
    public String mediaType() {
        String value = header("content-type");
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> out = new HashMap<>();
        Json.map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
