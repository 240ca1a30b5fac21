package org.lpsa.forms.registration;

import java.util.Map;

/**
 * What the registration form says where people consent, by version: a stored {@code formVersion} names
 * the exact words the person agreed to. A new wording is a new version here, never an edit of an old one.
 */
public final class FormWording {
    /** The version the form shows now. */
    public static final String CURRENT = "web-2";

    private static final Map<String, String> NEWSLETTER = Map.of(
            "web-1", "Send me the Alliance's bi-monthly newsletter",
            "web-2", "Send me the Alliance's newsletter by email, every two months. I can unsubscribe at any time.");

    private FormWording() {}

    /** The newsletter box's words in {@code version}; null for a version the web form never had (API clients). */
    public static String newsletter(String version) {
        return NEWSLETTER.get(version);
    }
}
