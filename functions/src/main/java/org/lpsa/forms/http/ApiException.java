package org.lpsa.forms.http;

import java.util.List;
import org.lpsa.forms.FieldError;

/** A request we refuse, with the 4xx status and the problems to show: never a failure of ours. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, List<FieldError> errors) {
        super(null, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String field, String message) {
        this(status, List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
