package io.shoperp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shoperp.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A database outage is logged as one line per burst of refused webhooks, with their count and first/last time. */
class StorageRefusalsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final RuntimeException DOWN = new CannotGetJdbcConnectionException("no connection");

    private final SettableClock clock = new SettableClock(T0);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(StorageRefusals.class);
    private StorageRefusals refusals;

    @BeforeEach
    void capture() {
        ShopifyProperties properties = new ShopifyProperties();
        properties.setRefusalLogInterval(Duration.ofSeconds(60));
        refusals = new StorageRefusals(clock, properties);
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void aBurstIsOneWarningThenOneSummaryWhenTheDatabaseAnswersAgain() {
        for (int i = 0; i < 50; i++) {
            clock.at(T0.plusSeconds(i));
            refusals.refused(DOWN);
        }
        refusals.stored();
        refusals.stored();

        assertThat(messages()).containsExactly(
                "WARN database unavailable: refusing webhooks (503) (CannotGetJdbcConnectionException)"
                        + "; one summary every 60 s while it lasts",
                "INFO database available again: 50 webhooks refused (503) from 2026-12-01T10:00:00Z to "
                        + "2026-12-01T10:00:49Z");
    }

    @Test
    void aLongBurstIsSummedUpOncePerIntervalAndANewBurstStartsAfresh() {
        for (int second = 0; second <= 150; second += 10) {
            clock.at(T0.plusSeconds(second));
            refusals.refused(DOWN);
        }
        refusals.stored();
        clock.at(T0.plusSeconds(300));
        refusals.refused(DOWN);

        assertThat(messages()).hasSize(5).satisfies(all -> {
            assertThat(all.get(1)).isEqualTo("WARN database still unavailable: 7 webhooks refused (503) from "
                    + "2026-12-01T10:00:00Z to 2026-12-01T10:01:00Z");
            assertThat(all.get(2)).isEqualTo("WARN database still unavailable: 13 webhooks refused (503) from "
                    + "2026-12-01T10:00:00Z to 2026-12-01T10:02:00Z");
            assertThat(all.get(3)).isEqualTo("INFO database available again: 16 webhooks refused (503) from "
                    + "2026-12-01T10:00:00Z to 2026-12-01T10:02:30Z");
            assertThat(all.get(4)).startsWith("WARN database unavailable: refusing webhooks (503)");
        });
    }

    @Test
    void storedDeliveriesWithoutAnOutageLogNothing() {
        refusals.stored();

        assertThat(messages()).isEmpty();
    }

    private List<String> messages() {
        return lines.list.stream().map(line -> line.getLevel() + " " + line.getFormattedMessage()).toList();
    }
}
