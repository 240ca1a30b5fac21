package org.lpsa.forms.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The static site in web/, as CloudFront or any static host would serve it. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    boolean handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        String path = java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath(), java.nio.charset.StandardCharsets.UTF_8);
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            return false;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        } else if (!Files.exists(file) && Files.isRegularFile(file.resolveSibling(file.getFileName() + ".html"))) {
            file = file.resolveSibling(file.getFileName() + ".html");
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("content-type", TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        LocalHttp.send(exchange, 200, Files.readAllBytes(file));
        return true;
    }
}
