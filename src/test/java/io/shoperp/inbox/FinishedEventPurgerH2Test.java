package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoperp.support.H2AppTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The purge of finished events (default retention 30 days) and the route that schedules it. */
@H2AppTest
class FinishedEventPurgerH2Test {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FinishedEventPurger purger;
    @Autowired
    CamelContext camel;

    @Test
    void deletesFinishedEventsPastTheRetentionWithTheirHistoryAndKeepsWhatIsStillNeeded() {
        new FinishedEventPurgeScenario(jdbc).run(purger);
    }

    @Test
    void aScheduledRoutePurgesEveryHourByDefault() {
        assertThat(camel.getRoute("finished-event-purge").getEndpoint().getEndpointUri())
                .startsWith("timer://finished-event-purge").contains("period=3600000");
    }
}
