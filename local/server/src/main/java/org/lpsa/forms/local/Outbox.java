package org.lpsa.forms.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the functions sent through the SES emulator, in the contract's shape (ARCHITECTURE.md):
 * {from, to[], subject, text, html, headers{}, attachments[{filename, contentType, content}]}, oldest first.
 */
final class Outbox {
    private final URI ses;

    Outbox(URI ses) {
        this.ses = ses;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> emails() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(ses + "/store").toURL().openConnection();
        Map<String, Object> store;
        try (InputStream in = connection.getInputStream()) {
            store = JSON.std.mapFrom(in);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) store.getOrDefault("emails", List.of())) {
            Map<String, Object> e = (Map<String, Object>) o;
            Map<String, Object> body = (Map<String, Object>) e.getOrDefault("body", Map.of());
            Map<String, Object> destination = (Map<String, Object>) e.getOrDefault("destination", Map.of());
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Object h : (List<Object>) (e.get("headers") == null ? List.of() : e.get("headers"))) {
                Map<String, Object> header = (Map<String, Object>) h;
                headers.put(String.valueOf(header.get("name")), header.get("value"));
            }
            List<Map<String, Object>> attachments = new ArrayList<>();
            for (Object a : (List<Object>) e.getOrDefault("attachments", List.of())) {
                Map<String, Object> attachment = (Map<String, Object>) a;
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("filename", attachment.get("filename"));
                item.put("contentType", attachment.get("contentType"));
                item.put("content", attachment.get("content"));
                attachments.add(item);
            }
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("from", e.get("from"));
            email.put("to", destination.getOrDefault("to", List.of()));
            email.put("subject", e.get("subject"));
            email.put("text", body.get("text"));
            email.put("html", body.get("html"));
            email.put("headers", headers);
            email.put("attachments", attachments);
            out.add(email);
        }
        return out;
    }

    String json() throws IOException {
        return JSON.std.asString(emails());
    }

    /** How many emails the page shows, newest first (a burst sends thousands; the JSON has them all). */
    static final int PAGE_SHOWS = 50;

    /**
     * The outbox as a page for people: newest first, each email's HTML as it renders, in a sandboxed frame at
     * phone width (360 px: no scripts, no access to this page), beside its text version; attachments downloadable.
     */
    @SuppressWarnings("unchecked")
    String html() throws IOException {
        List<Map<String, Object>> emails = emails();
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Local outbox</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:80rem;margin:1rem auto;padding:0 1rem}"
                + "article{border:1px solid #999;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}pre{white-space:pre-wrap;margin:0}"
                + ".parts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.parts>div{flex:1 1 22rem;min-width:0}"
                + "iframe{width:360px;max-width:100%;height:720px;border:1px solid #999}</style>"
                + "</head><body><h1>Local outbox</h1><p>")
                .append(emails.size()).append(emails.size() == 1 ? " email" : " emails")
                .append(" sent through the local SES emulator, newest first")
                .append(emails.size() > PAGE_SHOWS ? " (the last " + PAGE_SHOWS + " shown)" : "")
                .append(". <a href=\"/_local/outbox.json\">As JSON</a>.</p>");
        for (int i = emails.size() - 1; i >= Math.max(0, emails.size() - PAGE_SHOWS); i--) {
            Map<String, Object> e = emails.get(i);
            page.append("<article><h2>").append(escape(e.get("subject"))).append("</h2><p>From: ").append(escape(e.get("from")))
                    .append("<br>To: ").append(escape(String.join(", ", (List<String>) e.get("to")))).append("</p>");
            ((Map<String, Object>) e.get("headers")).forEach((k, v) -> page.append("<p>").append(escape(k)).append(": ").append(escape(v)).append("</p>"));
            page.append("<div class=\"parts\">");
            if (e.get("html") != null) {
                page.append("<div><h3>HTML, at phone width</h3><iframe sandbox title=\"HTML of: ").append(escape(e.get("subject")))
                        .append("\" srcdoc=\"").append(escape(e.get("html"))).append("\"></iframe></div>");
            }
            page.append("<div><h3>Text</h3><pre>").append(escape(e.get("text"))).append("</pre></div></div>");
            for (Map<String, Object> a : (List<Map<String, Object>>) e.get("attachments")) {
                page.append("<p>Attachment: <a download=\"").append(escape(a.get("filename"))).append("\" href=\"data:")
                        .append(escape(a.get("contentType"))).append(";base64,").append(escape(a.get("content"))).append("\">")
                        .append(escape(a.get("filename"))).append("</a> (")
                        .append(Base64.getDecoder().decode(String.valueOf(a.get("content"))).length).append(" bytes)</p>");
            }
            page.append("</article>");
        }
        return page.append("</body></html>").toString();
    }

    private static String escape(Object value) {
        return value == null ? "" : value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
