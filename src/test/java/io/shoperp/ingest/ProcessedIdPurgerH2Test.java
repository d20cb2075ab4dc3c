package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.shoperp.support.H2AppTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The purge of processed webhook ids on the default database, and the route that schedules it. */
@H2AppTest
class ProcessedIdPurgerH2Test {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessedIdPurger purger;
    @Autowired
    CamelContext camel;

    @Test
    void deletesIdsOlderThanTheRetentionOnly() {
        Instant now = Instant.now();
        insert("h2-old", now.minus(Duration.ofDays(7)).minusSeconds(60));
        insert("h2-recent", now.minus(Duration.ofDays(7)).plusSeconds(60));

        purger.purgeExpired();

        // The application's own scheduled purge may have run meanwhile: what is left is what counts.
        assertThat(jdbc.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED", String.class))
                .contains("h2-recent").doesNotContain("h2-old");
    }

    @Test
    void aScheduledRoutePurgesEveryHourByDefault() {
        assertThat(camel.getRoute("processed-id-purge").getEndpoint().getEndpointUri())
                .startsWith("timer://processed-id-purge").contains("period=3600000");
    }

    private void insert(String id, Instant createdAt) {
        jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                IngestStorageConfiguration.WEBHOOK_PROCESSOR, id, Timestamp.from(createdAt));
    }
}
