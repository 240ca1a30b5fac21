package org.lpsa.forms.admin;

/** A problem the admin can act on, said in words; printed without a stack trace. */
public final class AdminException extends RuntimeException {
    public AdminException(String message) {
        super(message);
    }
}
