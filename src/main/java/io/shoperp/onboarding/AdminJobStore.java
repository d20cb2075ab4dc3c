package io.shoperp.onboarding;

import static io.shoperp.inbox.UtcColumns.instant;
import static io.shoperp.inbox.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.shoperp.onboarding.AdminJob.Kind;
import io.shoperp.onboarding.AdminJob.State;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin_job table. Every write is its own committed transaction; the writes of a running job name the instance
 * that holds its lease, and change nothing once another instance has taken the job over.
 */
@Component
public class AdminJobStore {

    private static final int MAX_ERROR = 1000;
    private static final String COLUMNS = """
            id, kind, shop_domain, range_from, range_to, state, page_cursor, total_count, done_count, fed_count,
            failed_count, requested_by, requested_at, started_at, finished_at, next_run_at, last_error""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AdminJobStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Records a new job, QUEUED and due now.
     *
     * @throws ActiveJobException when a job of the same kind for the shop is QUEUED or RUNNING
     */
    public AdminJob create(Kind kind, String shop, Instant from, Instant to, String requestedBy) {
        Instant now = Instant.now(clock);
        String activeKey = activeKey(kind, shop);
        try {
            return transaction.execute(status -> {
                jdbc.update("INSERT INTO admin_job (kind, shop_domain, active_key, range_from, range_to, state,"
                                + " requested_by, requested_at, next_run_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)",
                        kind.name(), shop, activeKey, utc(from), utc(to), requestedBy, utc(now), utc(now));
                return jdbc.queryForObject("SELECT " + COLUMNS + " FROM admin_job WHERE active_key = ?", this::job,
                        activeKey);
            });
        } catch (DuplicateKeyException running) {
            throw new ActiveJobException(jdbc.query("SELECT " + COLUMNS + " FROM admin_job WHERE active_key = ?",
                    this::job, activeKey).stream().findFirst().orElse(null), kind, shop);
        }
    }

    public Optional<AdminJob> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM admin_job WHERE id = ?", this::job, id).stream().findFirst();
    }

    /** The newest jobs first. */
    public List<AdminJob> newest(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM admin_job ORDER BY id DESC LIMIT ?", this::job, limit);
    }

    /**
     * Leases the oldest job that is due and not leased (a QUEUED one, or a RUNNING one whose instance stopped renewing
     * or that waits for its next page) to {@code owner}.
     */
    public Optional<AdminJob> claim(String owner, Instant leaseUntil) {
        Instant now = Instant.now(clock);
        return transaction.execute(status -> {
            List<Long> due = jdbc.queryForList("SELECT id FROM admin_job WHERE state IN ('QUEUED', 'RUNNING')"
                    + " AND next_run_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED", Long.class, utc(now), utc(now));
            if (due.isEmpty()) {
                return Optional.<AdminJob>empty();
            }
            jdbc.update("UPDATE admin_job SET state = 'RUNNING', started_at = COALESCE(started_at, ?), lease_owner = ?,"
                    + " lease_until = ? WHERE id = ?", utc(now), owner, utc(leaseUntil), due.get(0));
            return find(due.get(0));
        });
    }

    /**
     * Records a stored page: the cursor to resume from, the counts it adds, and a renewed lease.
     *
     * @return false when another instance has taken the job over: nothing is written
     */
    public boolean pageStored(long id, String owner, String cursor, Long total, long done, long stored, long failed,
                              Instant leaseUntil) {
        return write("UPDATE admin_job SET page_cursor = ?, total_count = COALESCE(?, total_count),"
                + " done_count = done_count + ?, fed_count = fed_count + ?, failed_count = failed_count + ?,"
                + " lease_until = ? WHERE id = ? AND lease_owner = ?", cursor, total, done, stored, failed,
                utc(leaseUntil), id, owner);
    }

    /** Lets the job go until {@code nextRunAt}, when any instance may resume it from its cursor. */
    public boolean pause(long id, String owner, Instant nextRunAt, String reason) {
        return write("UPDATE admin_job SET lease_owner = NULL, lease_until = NULL, next_run_at = ?, last_error = ?"
                + " WHERE id = ? AND lease_owner = ?", utc(nextRunAt), truncate(reason), id, owner);
    }

    /** Ends the job DONE or FAILED; another job of its kind for the shop may start after it. */
    public boolean finish(long id, String owner, State state, String error) {
        return write("UPDATE admin_job SET state = ?, active_key = NULL, finished_at = ?, lease_owner = NULL,"
                + " lease_until = NULL, last_error = ? WHERE id = ? AND lease_owner = ?", state.name(),
                utc(Instant.now(clock)), truncate(error), id, owner);
    }

    private boolean write(String sql, Object... args) {
        return Boolean.TRUE.equals(transaction.execute(status -> jdbc.update(sql, args) == 1));
    }

    private AdminJob job(ResultSet rs, int row) throws SQLException {
        return new AdminJob(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("shop_domain"),
                instant(rs, "range_from"), instant(rs, "range_to"), State.valueOf(rs.getString("state")),
                rs.getObject("total_count", Long.class), rs.getLong("done_count"), rs.getLong("fed_count"),
                rs.getLong("failed_count"), rs.getString("requested_by"), instant(rs, "requested_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "next_run_at"),
                rs.getString("last_error"), rs.getString("page_cursor"));
    }

    private static String activeKey(Kind kind, String shop) {
        return kind.label() + ":" + shop;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
