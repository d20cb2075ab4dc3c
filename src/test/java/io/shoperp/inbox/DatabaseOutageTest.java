package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
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
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-29T11:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final DatabaseOutage outage = new DatabaseOutage(clock);
    private final Logger logger = (Logger) LoggerFactory.getLogger(DatabaseOutage.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    @Test
    void anOutageIsOneWarnWhenItStartsAndOneInfoWhenItEnds() {
        RuntimeException noConnection = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("bridge - Connection is not available"));

        assertThat(outage.absorb(noConnection, "no events claimed")).isTrue();
        clock.at(T0.plusSeconds(30));
        assertThat(outage.absorb(new CannotCreateTransactionException("no connection"), "event 7 DONE not recorded"))
                .isTrue();
        outage.available();
        outage.available();

        List<String> lines = log.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
        assertThat(lines).containsExactly(
                "WARN inbox database unavailable (CannotGetJdbcConnectionException <- SQLTransientConnectionException):"
                        + " no events claimed; processing waits for it",
                "INFO inbox database available again after 30 s; events whose outcome was not recorded are processed"
                        + " again when their lease runs out");
    }

    @Test
    void anythingElseIsNotSwallowed() {
        assertThat(outage.absorb(new BadSqlGrammarException("claim", "SELECT", new SQLSyntaxErrorException()),
                "no events claimed")).isFalse();
        assertThat(outage.absorb(new IllegalStateException("bug"), "no events claimed")).isFalse();
        assertThat(log.list).isEmpty();
    }
}
