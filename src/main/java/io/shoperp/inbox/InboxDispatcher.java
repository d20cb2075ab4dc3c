package io.shoperp.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.Body;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due events for this instance. A claimed event is PROCESSING with a lease; a lease that runs out (its
 * worker died) makes the event claimable again. Only the first unfinished event of an entity, in Shopify's
 * order, is ever claimable, and not while another event of that entity is leased: the events of one order
 * apply one at a time and in order, across all instances, while different entities run in parallel.
 */
@Component("inboxDispatcher")
public class InboxDispatcher {

    /**
     * An event is its entity's head: no other event of the entity is leased, and none unfinished comes before it in
     * Shopify's order. Two conditions, each a short range of the entity index: the leased ones (few), then those not
     * after it ({@code b.order_at <= e.order_at} bounds the range; the rest of the order needs the row).
     */
    private static final String ENTITY_HEAD = """
              AND NOT EXISTS (
                SELECT 1 FROM inbox_event l
                WHERE l.entity_key = e.entity_key AND l.status = 'PROCESSING' AND l.id <> e.id AND l.lease_until > ?)
              AND NOT EXISTS (
                SELECT 1 FROM inbox_event b
                WHERE b.entity_key = e.entity_key AND b.status IN ('PENDING', 'PROCESSING') AND b.order_at <= e.order_at
                  AND b.id <> e.id
                  AND (b.order_at < e.order_at
                    OR COALESCE(b.triggered_at, b.received_at) < COALESCE(e.triggered_at, e.received_at)
                    OR (COALESCE(b.triggered_at, b.received_at) = COALESCE(e.triggered_at, e.received_at)
                        AND b.id < e.id)))
            """;
    /**
     * The backlog, oldest due first. Only PENDING rows, so the scan follows the due index (status, next_attempt_at,
     * id) and stops at the limit: with an OR for expired leases MariaDB scanned and sorted the whole backlog, testing
     * every row's entity, 40 ms and more per claim behind a few thousand events. SKIP LOCKED: instances polling
     * together each take different rows instead of waiting on each other.
     */
    static final String ANY_ENTITY = """
            SELECT e.id FROM inbox_event e
            WHERE e.status = 'PENDING' AND e.next_attempt_at <= ?
            """ + ENTITY_HEAD + """
            ORDER BY e.next_attempt_at, e.id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    /** Whether any lease has run out (its instance died or stopped): a short range of the due index. */
    private static final String ANY_EXPIRED_LEASE =
            "SELECT id FROM inbox_event WHERE status = 'PROCESSING' AND lease_until <= ? LIMIT 1";
    /**
     * The entities whose event a dead (or stopped) instance left leased: their head, the expired event or an older
     * one that arrived since, goes ahead of the backlog, so the crash costs them no place in line.
     */
    private static final String TAKEN_OVER_ENTITIES = """
            SELECT e.id FROM inbox_event e
            WHERE ((e.status = 'PENDING' AND e.next_attempt_at <= ?) OR (e.status = 'PROCESSING' AND e.lease_until <= ?))
              AND e.entity_key IN (SELECT x.entity_key FROM inbox_event x
                                   WHERE x.status = 'PROCESSING' AND x.lease_until <= ?)
            """ + ENTITY_HEAD + """
            ORDER BY e.next_attempt_at, e.id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final InboxStore store;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final InboxLeases leases;
    private final DatabaseOutage outage;

    public InboxDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, InboxStore store,
                           ProcessingProperties properties, Clock clock, InboxLeases leases, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.outage = outage;
        this.transaction = new TransactionTemplate(transactionManager);
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.leases = leases;
    }

    /** This instance's name in lease_owner. */
    public String instanceId() {
        return leases.instanceId();
    }

    /**
     * Claims up to a batch of due events, in one short transaction, and returns them leased to this instance (none
     * once it is shutting down). Claims only what the workers will start soon (see {@link InboxLeases#roomToClaim}),
     * waiting up to a poll interval for room.
     */
    public List<InboxEvent> claimDue() {
        int room = leases.roomToClaim(properties.getPollInterval());
        if (room == 0) {
            return Collections.emptyList();
        }
        Instant now = Instant.now(clock);
        List<InboxEvent> claimed;
        try {
            claimed = transaction.execute(status -> {
                Object at = UtcColumns.utc(now);
                Set<Long> ids = new LinkedHashSet<>();
                if (!jdbc.queryForList(ANY_EXPIRED_LEASE, Long.class, at).isEmpty()) {
                    ids.addAll(jdbc.queryForList(TAKEN_OVER_ENTITIES, Long.class, at, at, at, at, room));
                }
                if (ids.size() < room) {
                    ids.addAll(jdbc.queryForList(ANY_ENTITY, Long.class, at, at, room - ids.size()));
                }
                if (ids.isEmpty()) {
                    return Collections.<InboxEvent>emptyList();
                }
                return store.lease(new ArrayList<>(ids), leases.instanceId(), now, leases.claimUntil(now));
            });
        } catch (RuntimeException failure) {
            if (outage.absorb(failure, "no events claimed")) {
                return Collections.emptyList();
            }
            throw failure;
        }
        outage.available();
        leases.held(claimed, now);
        return claimed;
    }

    /** Whether to poll again at once: events were claimed, or the workers are full and the next claim waits for room. */
    public boolean pollAgainAtOnce(@Body List<InboxEvent> claimed) {
        return !claimed.isEmpty() || (leases.isFull() && !leases.isShuttingDown());
    }
}
