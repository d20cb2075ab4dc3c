package io.shoperp.onboarding;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A catalog import or an order backfill as {@code GET /admin/jobs/{id}} shows it.
 *
 * @param total   how many products or orders Shopify counted when the job started (null until then)
 * @param done    products or orders handled: stored in the inbox, or already held by the bridge in that version
 * @param stored  of those, how many were stored as new inbox events (0 when a second run finds everything held)
 * @param failed  products or orders that could not be fed (an order listed but gone by the time it was read)
 * @param nextRunAt when a RUNNING job waiting out throttling or an outage reads its next page
 */
public record AdminJob(long id, Kind kind, String shop, Instant from, Instant to, State state, Long total, long done,
                       long stored, long failed, String requestedBy, Instant requestedAt, Instant startedAt,
                       Instant finishedAt, Instant nextRunAt, String lastError, @JsonIgnore String cursor) {

    public enum Kind {
        PRODUCTS_IMPORT, ORDERS_BACKFILL;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum State {
        /** Accepted, not started by any instance yet. */
        QUEUED,
        /** Started: reading pages, or waiting (nextRunAt) after throttling, an outage or a restart. */
        RUNNING,
        DONE,
        /** Stopped by a permanent error (lastError): a token without the scope, say. */
        FAILED
    }
}
