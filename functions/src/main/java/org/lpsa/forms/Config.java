package org.lpsa.forms;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The functions' configuration: environment variables in Lambda (set by template.yaml); the local stack,
 * which runs handlers in its own JVM, sets the same names as system properties.
 */
public final class Config {
    public static final String EVENTS_TABLE = "EVENTS_TABLE";
    public static final String REGISTRATIONS_TABLE = "REGISTRATIONS_TABLE";
    public static final String IDEAS_TABLE = "IDEAS_TABLE";
    public static final String CONTACTS_TABLE = "CONTACTS_TABLE";
    public static final String LIMITS_TABLE = "LIMITS_TABLE";
    public static final String PRIVACY_CONTACT = "PRIVACY_CONTACT";
    public static final String SOURCE_LIMIT_PER_MINUTE = "SOURCE_LIMIT_PER_MINUTE";
    public static final String SOURCE_LIMIT_PER_DAY = "SOURCE_LIMIT_PER_DAY";
    public static final String CONFIRMATIONS_PER_ADDRESS_PER_DAY = "CONFIRMATIONS_PER_ADDRESS_PER_DAY";
    public static final String SENDER_ADDRESS = "SENDER_ADDRESS";
    /** Where people email ideas; plus addresses (ideas+webinars@) choose an area. */
    public static final String IDEAS_ADDRESS = "IDEAS_ADDRESS";
    /** The bucket and key prefix where the SES receipt rule stores incoming mail. */
    public static final String INBOUND_BUCKET = "INBOUND_BUCKET";
    public static final String INBOUND_PREFIX = "INBOUND_PREFIX";
    public static final String MAIL_DOMAIN = "MAIL_DOMAIN";
    /** The SES configuration set mail is sent with; it publishes bounces and complaints. */
    public static final String MAIL_CONFIGURATION_SET = "MAIL_CONFIGURATION_SET";
    public static final String SITE_URL = "SITE_URL";
    /** Where the admins' daily digest goes; empty: no digest. */
    public static final String ADMIN_EMAIL = "ADMIN_EMAIL";
    /** The organisers' time zone: the digest comes at 08:00 there. */
    public static final String ORGANISER_TIME_ZONE = "ORGANISER_TIME_ZONE";
    /** How the admin tool reaches this deployment ({@code --stack NAME}; {@code --local} on the local stack): the digest's commands. */
    public static final String ADMIN_TOOL_OPTIONS = "ADMIN_TOOL_OPTIONS";
    /** Name of the SSM SecureString parameter holding the link-signing secret (in AWS). */
    public static final String TOKEN_SECRET_PARAMETER = "TOKEN_SECRET_PARAMETER";
    /** The link-signing secret itself: set only by the local stack and tests. */
    public static final String TOKEN_SECRET = "LPSA_TOKEN_SECRET";
    public static final String AWS_REGION = "AWS_REGION";

    private final Function<String, String> source;

    public Config(Function<String, String> source) {
        this.source = source;
    }

    public static Config fromEnvironment() {
        return new Config(name -> {
            String value = System.getenv(name);
            return value != null ? value : System.getProperty(name);
        });
    }

    public static Config of(Map<String, String> values) {
        return new Config(values::get);
    }

    /** A required setting; a missing one is a deployment mistake, reported by name. */
    public String require(String name) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing configuration " + name);
        }
        return value;
    }

    public String get(String name, String fallback) {
        return Objects.requireNonNullElse(source.apply(name), fallback);
    }

    public String optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
