package io.shoperp.erpnext;

import java.util.Optional;

/** A failed ERPNext call, either worth retrying ({@link ErpNextTransientException}) or not ({@link ErpNextPermanentException}). */
public abstract sealed class ErpNextException extends RuntimeException
        permits ErpNextTransientException, ErpNextPermanentException {

    /** HTTP status of the answer, 0 when no answer arrived (timeout, connection failure). */
    private final int status;
    /** Frappe's exc_type, e.g. LinkValidationError, when the answer carried one. */
    private final String excType;

    protected ErpNextException(String message, int status, String excType, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.excType = excType;
    }

    public int status() {
        return status;
    }

    public Optional<String> excType() {
        return Optional.ofNullable(excType);
    }

    public boolean hasExcType(String type) {
        return type.equals(excType);
    }
}
