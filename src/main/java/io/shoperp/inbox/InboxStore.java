package io.shoperp.inbox;

import static io.shoperp.inbox.UtcColumns.instant;
import static io.shoperp.inbox.UtcColumns.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox table: every stored delivery is a row that the dispatcher later turns into ERPNext effects. Each
 * state change also writes a history line, in the same transaction.
 */
@Component("inboxStore")
public class InboxStore {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStore.class);
    private static final int MAX_TEXT = 1000;

    static final String EVENT_COLUMNS = """
            id, shop_domain, topic, webhook_id, entity_key, resource_updated_at, triggered_at, received_at, payload,
            status, attempts, first_attempt_at, lease_owner, event_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InboxStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Leases claimed rows to a worker, inside the claiming transaction: PROCESSING, one more attempt, the retry
     * window opened on the first attempt. A row whose previous lease ran out is recorded as taken over.
     */
    List<InboxEvent> lease(List<Long> ids, String owner, Instant now, Instant until) {
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        Object[] idArgs = ids.toArray();
        for (InboxEvent expired : jdbc.query("SELECT " + EVENT_COLUMNS + " FROM inbox_event WHERE status = 'PROCESSING'"
                + " AND id IN (" + in + ")", EVENT_ROW, idArgs)) {
            LOG.warn("event {} lease of {} expired: taken over by {}", expired, expired.leaseOwner(), owner);
            history(expired.id(), InboxStatus.PROCESSING, expired.attempts(),
                    "lease of " + expired.leaseOwner() + " expired; taken over by " + owner, now);
        }
        Object[] args = new Object[4 + ids.size()];
        args[0] = owner;
        args[1] = utc(until);
        args[2] = utc(now);
        args[3] = utc(now);
        System.arraycopy(idArgs, 0, args, 4, ids.size());
        jdbc.update("UPDATE inbox_event SET status = 'PROCESSING', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?), updated_at = ?"
                + " WHERE id IN (" + in + ")", args);
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM inbox_event WHERE id IN (" + in + ") ORDER BY id",
                EVENT_ROW, idArgs);
    }

    /**
     * Ends a leased event as DONE or IGNORED and, for DONE, records the resource version it applied.
     *
     * @return false when the lease was lost (another worker took the event over): nothing is written
     */
    public boolean complete(InboxEvent event, ApplyOutcome outcome, AppliedVersions versions) {
        return releaseLease(event, outcome.status(), "status_reason = ?, last_error = NULL",
                Arrays.asList(truncate(outcome.detail())), outcome.detail(), () -> {
                    if (outcome.status() == InboxStatus.DONE) {
                        versions.record(event);
                    }
                });
    }

    /** Puts a leased event back to PENDING, due at {@code retryAt}. */
    public boolean scheduleRetry(InboxEvent event, Instant retryAt, String error) {
        return releaseLease(event, InboxStatus.PENDING, "next_attempt_at = ?, last_error = ?",
                Arrays.asList(utc(retryAt), truncate(error)), "retry at " + retryAt + ": " + error, () -> { });
    }

    /** Ends a leased event as DEAD with the reason and the last error; it stays replayable. */
    public boolean markDead(InboxEvent event, String reason, String error) {
        return releaseLease(event, InboxStatus.DEAD, "status_reason = ?, last_error = ?",
                Arrays.asList(truncate(reason), truncate(error)), reason, () -> { });
    }

    /**
     * Moves an event this worker still leases to {@code status}, releasing the lease, with its history line and
     * whatever else must commit with it, in one transaction.
     *
     * @return false when the lease was lost (another worker took the event over): nothing is written
     */
    private boolean releaseLease(InboxEvent event, InboxStatus status, String assignments, List<Object> values,
                                 String historyDetail, Runnable alsoInTransaction) {
        Instant now = Instant.now(clock);
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            List<Object> args = new ArrayList<>(values);
            args.addAll(List.of(status.name(), utc(now), event.id(), event.leaseOwner()));
            int updated = jdbc.update("UPDATE inbox_event SET " + assignments + ", status = ?, lease_owner = NULL,"
                    + " lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'PROCESSING' AND lease_owner = ?",
                    args.toArray());
            if (updated == 0) {
                return false;
            }
            history(event.id(), status, event.attempts(), historyDetail, now);
            alsoInTransaction.run();
            return true;
        }));
    }

    /**
     * Gives an event this worker leases but has not started back: PENDING, due now, the attempt it was claimed for
     * not counted (nor its retry window opened by it).
     *
     * @return false when the lease was lost meanwhile: nothing is written
     */
    boolean handBack(InboxEvent event) {
        Instant now = Instant.now(clock);
        return releaseLease(event, InboxStatus.PENDING,
                "first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at END,"
                        + " attempts = attempts - 1, next_attempt_at = ?",
                Arrays.asList(utc(now)), "handed back at shutdown before it started", () -> { });
    }

    /**
     * Makes a finished event (DONE, IGNORED, DEAD) due again now, with a fresh retry window. It then goes through
     * the same idempotent path as any event.
     *
     * @return false when the event is not finished (PENDING or PROCESSING) or its payload was redacted (nothing left
     *         to apply), and so was left as it is
     */
    public boolean replay(long id, String who) {
        Instant now = Instant.now(clock);
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int updated = jdbc.update("UPDATE inbox_event SET status = 'PENDING', next_attempt_at = ?,"
                            + " first_attempt_at = NULL, status_reason = NULL, lease_owner = NULL, lease_until = NULL,"
                            + " updated_at = ? WHERE id = ? AND status IN ('DONE', 'IGNORED', 'DEAD')"
                            + " AND redacted_at IS NULL",
                    utc(now), utc(now), id);
            if (updated > 0) {
                Integer attempts = jdbc.queryForObject("SELECT attempts FROM inbox_event WHERE id = ?", Integer.class, id);
                history(id, InboxStatus.PENDING, attempts, "replayed by " + who, now);
            }
            return updated > 0;
        }));
    }

    private void history(long eventId, InboxStatus status, int attempt, String detail, Instant at) {
        jdbc.update("INSERT INTO inbox_event_history (event_id, at, status, attempt, detail) VALUES (?, ?, ?, ?, ?)",
                eventId, utc(at), status.name(), attempt, truncate(detail));
    }

    static final RowMapper<InboxEvent> EVENT_ROW = (rs, row) -> new InboxEvent(
            rs.getLong("id"),
            rs.getString("shop_domain"),
            rs.getString("topic"),
            rs.getString("webhook_id"),
            rs.getString("entity_key"),
            instant(rs, "resource_updated_at"),
            instant(rs, "triggered_at"),
            instant(rs, "received_at"),
            rs.getBytes("payload"),
            InboxStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            instant(rs, "first_attempt_at"),
            rs.getString("lease_owner"),
            rs.getString("event_id"));

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
