package org.lpsa.forms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestSourceTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void theVisitorsAddressComesFromCloudFrontOnlyWithTheDistributionsSecret() {
        Map<String, String> through = Map.of("cloudfront-viewer-address", "203.0.113.5:443", "x-origin-verify", SECRET);
        assertEquals("203.0.113.5", ApiRequest.sourceIp("130.176.1.1", through, SECRET));
        assertEquals("2001:db8::1", ApiRequest.sourceIp("130.176.1.1",
                Map.of("cloudfront-viewer-address", "2001:db8::1:51234", "x-origin-verify", SECRET), SECRET));
        assertEquals("198.51.100.9", ApiRequest.sourceIp("198.51.100.9",
                Map.of("cloudfront-viewer-address", "203.0.113.5:443", "x-origin-verify", "guessed"), SECRET),
                "a forged header without the secret names nobody");
        assertEquals("198.51.100.9", ApiRequest.sourceIp("198.51.100.9",
                Map.of("cloudfront-viewer-address", "203.0.113.5:443"), SECRET));
        assertEquals("198.51.100.9", ApiRequest.sourceIp("198.51.100.9", through, ""), "no secret configured: API Gateway's address");
    }
}
