package io.shoperp.ingest;

/** How one webhook request ended: its HTTP answer and its tag on {@code shopify.webhooks.received}. */
public enum IngestOutcome {
    ACCEPTED(200),
    DUPLICATE(200),
    BAD_SIGNATURE(401),
    BAD_REQUEST(400),
    TOO_LARGE(413),
    UNAVAILABLE(503);

    private final int httpStatus;

    IngestOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
