package io.shoperp.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.shoperp.inbox.UtcColumns.utc;

/**
 * Deletes events that finished (DONE, IGNORED) more than {@code processing.finished-retention} ago, with their
 * history: every delivery stores its whole payload, so the inbox would otherwise grow by kilobytes per webhook
 * forever. DEAD and open events are never deleted, and neither is the newest orders/* event of an order, which
 * {@link InboxOrderFacts} reads when a refund arrives months later. Each batch is its own transaction.
 */
@Component("finishedEventPurger")
public class FinishedEventPurger {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedEventPurger.class);
    private static final int BATCH = 500;
    private static final String FINISHED = "status IN ('DONE', 'IGNORED')";
    /**
     * Finished, old enough, and not the order's newest orders/* event (the one InboxOrderFacts reads). A finished
     * event was due before it finished, so next_attempt_at < cutoff adds nothing but lets the (status,
     * next_attempt_at) index bound the scan.
     */
    private static final String SELECT_EXPIRED = """
            SELECT e.id FROM inbox_event e
            WHERE e.%s AND e.next_attempt_at < ? AND e.updated_at < ?
              AND (e.topic NOT LIKE 'orders/%%' OR EXISTS (
                    SELECT 1 FROM inbox_event n
                    WHERE n.entity_key = e.entity_key AND n.topic LIKE 'orders/%%' AND n.status <> 'DEAD'
                      AND (n.order_at > e.order_at OR (n.order_at = e.order_at AND n.id > e.id))))
            LIMIT %d FOR UPDATE""".formatted(FINISHED, BATCH);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration retention;

    public FinishedEventPurger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                               ProcessingProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.retention = properties.getFinishedRetention();
    }

    /** @return how many events were deleted */
    public int purgeExpired() {
        Object cutoff = utc(Instant.now(clock).minus(retention));
        int total = Batches.untilShort(BATCH, () -> transaction.execute(status -> deleteBatch(cutoff)));
        if (total > 0) {
            LOG.info("purged {} finished inbox event(s) older than {}", total, retention);
        }
        return total;
    }

    private int deleteBatch(Object cutoff) {
        List<Long> ids = jdbc.queryForList(SELECT_EXPIRED, Long.class, cutoff, cutoff);
        if (ids.isEmpty()) {
            return 0;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbc.update("DELETE FROM inbox_event_history WHERE event_id IN (" + in + ")");
        jdbc.update("DELETE FROM inbox_event WHERE id IN (" + in + ") AND " + FINISHED);
        return ids.size();
    }
}
