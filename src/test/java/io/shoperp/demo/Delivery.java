package io.shoperp.demo;

import java.util.Locale;
import java.util.Set;

/**
 * A webhook sent to the bridge, how its ingest answered (HTTP status and {@code outcome}) and what the inbox made of
 * it: DONE, IGNORED or DEAD with the reason, or the status it still had when the demo stopped waiting, with the last
 * error.
 */
record Delivery(String topic, String webhookId, int httpStatus, String answer, String status, String reason) {

    /** The inbox statuses an event ends in. */
    static final Set<String> FINISHED = Set.of("DONE", "IGNORED", "DEAD");
    /** What ingest answers for a delivery it refused (no inbox row). */
    static final String REFUSED = "REFUSED";

    /** Column headings of {@link #line()}. */
    static final String HEADER = String.format(Locale.ROOT, "  %-25s %-4s %-9s %-7s %s", "WEBHOOK", "HTTP", "INGEST",
            "INBOX", "WHAT THE BRIDGE DID");

    /** One line as soon as the webhook finished, so fixed widths wide enough for every topic the demo sends. */
    String line() {
        return String.format(Locale.ROOT, "  %-25s %-4d %-9s %-7s %s", topic, httpStatus, answer, status, reason);
    }

    /** Stored and applied, or stored and deliberately not applied (IGNORED says why). */
    boolean landed() {
        return httpStatus == 200 && ("DONE".equals(status) || "IGNORED".equals(status));
    }
}
