package org.lpsa.forms;

import java.util.List;

/**
 * What the rules refuse, said in words for the person who asked (never a failure of ours). Services
 * throw its kinds; only the HTTP edge turns them into status codes and pages.
 */
public abstract class Refused extends RuntimeException {
    private final List<FieldError> errors;

    protected Refused(List<FieldError> errors) {
        super(null, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Something given is not acceptable: a field, or a link's token. */
    public static final class InvalidInput extends Refused {
        public InvalidInput(String field, String message) {
            super(List.of(new FieldError(field, message)));
        }
    }

    /** The thing asked for does not exist (a meeting). */
    public static final class NotFound extends Refused {
        public NotFound(String field, String message) {
            super(List.of(new FieldError(field, message)));
        }
    }

    /** What a link named existed once and no longer does (a deleted registration): it will not come back. */
    public static final class Gone extends Refused {
        public Gone(String field, String message) {
            super(List.of(new FieldError(field, message)));
        }
    }

    /** Too many requests from one source: try again after {@code retryAfterSeconds}. */
    public static final class TooMany extends Refused {
        private final long retryAfterSeconds;

        public TooMany(long retryAfterSeconds, String message) {
            super(List.of(new FieldError("source", message)));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The request cannot be done in the present state (a closed registration, a submission sent with other content). */
    public static final class Conflict extends Refused {
        public Conflict(String field, String message) {
            super(List.of(new FieldError(field, message)));
        }
    }
}
