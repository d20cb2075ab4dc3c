package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shoperp.support.MariaDbServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The claim query on MariaDB behind a backlog of 4 000 events on 50 entities (inventory levels arriving faster than
 * they are applied): it walks the due index in order and stops at its limit, and takes each entity's head only.
 * When it scanned and sorted the whole backlog, each claim cost 40-90 ms and the workers idled behind it.
 */
class InboxClaimMariaDbTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 29, 10, 0);
    private static final int ENTITIES = 50;
    private static final int EVENTS = 4000;

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void backlog() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                MariaDbServer.get().createSchema("inbox_claim"), "root", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            // One updated_at for all: Shopify's order alone cannot tell them apart, the arrival must.
            LocalDateTime received = T0.plusNanos(i * 5_000_000L);
            rows.add(new Object[] {"inventory_levels/update", "level-" + i, "level:" + (i % ENTITIES), T0, received,
                    received, received});
        }
        jdbc.batchUpdate("""
                INSERT INTO inbox_event (shop_domain, topic, webhook_id, entity_key, order_at, payload, status,
                                         next_attempt_at, received_at, updated_at)
                VALUES ('shop.myshopify.com', ?, ?, ?, ?, '{}', 'PENDING', ?, ?, ?)""", rows);
        // The head of entity 0 is leased: that entity has nothing claimable.
        jdbc.update("UPDATE inbox_event SET status = 'PROCESSING', lease_owner = 'other', lease_until = ?"
                + " WHERE webhook_id = 'level-0'", T0.plusYears(1));
        jdbc.execute("ANALYZE TABLE inbox_event");
    }

    @Test
    void theClaimFollowsTheDueIndexAndStopsAtItsLimit() {
        LocalDateTime now = T0.plusDays(1);
        List<Map<String, Object>> plan = jdbc.queryForList("EXPLAIN " + InboxDispatcher.ANY_ENTITY
                .replace("FOR UPDATE SKIP LOCKED", ""), now, now, 8);

        Map<String, Object> backlogScan = plan.stream().filter(row -> "e".equals(row.get("table"))).findFirst().orElseThrow();
        assertThat(backlogScan.get("key")).as("%s", plan).isEqualTo("inbox_event_due");
        assertThat(backlogScan.get("type")).as("%s", plan).isEqualTo("range");
        assertThat(String.valueOf(backlogScan.get("Extra"))).as("%s", plan).doesNotContain("filesort");
    }

    @Test
    void itTakesTheHeadOfEachEntityOldestFirstAndNothingBehindALease() {
        LocalDateTime now = T0.plusDays(1);
        List<String> claimed = jdbc.queryForList(InboxDispatcher.ANY_ENTITY.replace("FOR UPDATE SKIP LOCKED", "")
                .replace("SELECT e.id", "SELECT e.webhook_id"), String.class, now, now, 8);

        assertThat(claimed).containsExactly("level-1", "level-2", "level-3", "level-4", "level-5", "level-6",
                "level-7", "level-8");
    }
}
