package io.shoperp.ingest;

/** A delivery refused before anything is stored; the message is safe to send back to the caller. */
public class WebhookRejectedException extends RuntimeException {

    private final IngestOutcome outcome;

    public WebhookRejectedException(IngestOutcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    public IngestOutcome outcome() {
        return outcome;
    }
}
