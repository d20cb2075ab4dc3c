package io.shoperp.erpnext;

import java.time.Duration;
import java.util.Optional;

/** ERPNext is unreachable, slow, rate limiting or failing internally: the same call may succeed later. */
public final class ErpNextTransientException extends ErpNextException {

    private final Duration retryAfter;
    private final boolean requestMayHaveBeenApplied;

    public ErpNextTransientException(String message, int status, String excType, Duration retryAfter,
            boolean requestMayHaveBeenApplied, Throwable cause) {
        super(message, status, excType, cause);
        this.retryAfter = retryAfter;
        this.requestMayHaveBeenApplied = requestMayHaveBeenApplied;
    }

    /** How long ERPNext asked us to wait (429 Retry-After), when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True when the request reached ERPNext but no answer came back (read timeout, dropped connection, gateway
     * error): a write may have committed, so it must be looked up before it is sent again.
     */
    public boolean requestMayHaveBeenApplied() {
        return requestMayHaveBeenApplied;
    }
}
