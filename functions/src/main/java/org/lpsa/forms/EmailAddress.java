package org.lpsa.forms;

import java.util.Locale;

/** The key form of an email address, one for the tables, the forms and SES's feedback alike. */
public final class EmailAddress {
    private EmailAddress() {}

    /** Trimmed and lower-cased, so "Ana@Example.org " registers once; null stays null. */
    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
