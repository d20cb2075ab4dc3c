package io.shoperp.inbox;

/**
 * The event cannot be turned into ERPNext documents as configured or as sent: a missing mapping key (the message
 * names it), a payload without a field ERPNext needs, malformed JSON. Permanent: the event goes DEAD with this
 * message and is replayed once the cause is fixed.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
