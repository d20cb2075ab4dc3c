package io.shoperp.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.shoperp.inbox.Batches;
import io.shoperp.ingest.ShopifyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes processed webhook ids older than {@code shopify.dedupe-retention}. Camel never purges them, and
 * the table would otherwise grow by one row per delivery forever. Deletes in small batches so ingest never
 * waits long on its locks.
 */
@Component("processedIdPurger")
public class ProcessedIdPurger {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessedIdPurger.class);
    private static final int BATCH = 5_000;
    private static final String DELETE_OLDER = """
            DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND createdAt < ? LIMIT %d""".formatted(BATCH);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public ProcessedIdPurger(JdbcTemplate jdbc, Clock clock, ShopifyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.getDedupeRetention();
    }

    /** @return how many ids were deleted */
    public int purgeExpired() {
        // Camel writes createdAt as a java.sql.Timestamp of the JVM clock; compare in the same terms.
        Timestamp cutoff = Timestamp.from(Instant.now(clock).minus(retention));
        int total = Batches.untilShort(BATCH,
                () -> jdbc.update(DELETE_OLDER, IngestStorageConfiguration.WEBHOOK_PROCESSOR, cutoff));
        if (total > 0) {
            LOG.info("purged {} processed webhook id(s) older than {}", total, retention);
        }
        return total;
    }
}
