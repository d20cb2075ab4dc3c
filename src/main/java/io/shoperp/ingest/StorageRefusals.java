package io.shoperp.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.shoperp.inbox.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs the webhooks refused with 503 because the database is unavailable as bursts, not one line per delivery:
 * during an outage Shopify keeps retrying every subscription, and a line per refusal would bury everything else.
 * The first refusal of a burst logs a WARN; the following ones are counted; a summary (count, first and last time)
 * is logged every {@code shopify.refusal-log-interval} while the burst lasts and once when a delivery is stored
 * again.
 */
@Component
public class StorageRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(StorageRefusals.class);

    private final Clock clock;
    private final Duration summaryInterval;

    /** Start of the current burst, null when none: read without the lock on every stored delivery. */
    private volatile Instant first;
    private Instant last;
    private Instant lastSummary;
    private long count;

    public StorageRefusals(Clock clock, ShopifyProperties properties) {
        this.clock = clock;
        this.summaryInterval = properties.getRefusalLogInterval();
    }

    /** A delivery was refused (503) because the database is unavailable. */
    public synchronized void refused(Throwable cause) {
        Instant now = Instant.now(clock);
        count++;
        last = now;
        if (first == null) {
            first = now;
            lastSummary = now;
            LOG.warn("database unavailable: refusing webhooks (503) ({}); one summary every {} s while it lasts",
                    Causes.classNames(cause), summaryInterval.toSeconds());
        } else if (!now.isBefore(lastSummary.plus(summaryInterval))) {
            lastSummary = now;
            LOG.warn("database still unavailable: {} webhooks refused (503) from {} to {}", count, first, last);
        }
    }

    /** A delivery was stored: the database answers, which ends the burst, if there was one. */
    public void stored() {
        if (first == null) {
            return;
        }
        synchronized (this) {
            if (first != null) {
                LOG.info("database available again: {} webhooks refused (503) from {} to {}", count, first, last);
                first = null;
                count = 0;
            }
        }
    }
}
