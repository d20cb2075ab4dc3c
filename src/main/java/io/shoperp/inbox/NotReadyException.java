package io.shoperp.inbox;

/**
 * The event depends on something that is not there yet (a fulfilment before its order, a refund before its
 * invoice): a transient failure, retried later with backoff, and dead only once retries are exhausted.
 */
public class NotReadyException extends RuntimeException {

    public NotReadyException(String message) {
        super(message);
    }
}
