package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLNonTransientConnectionException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A connection Hikari finds broken is one log line, not a stack trace. */
class HikariOneLineWarningsTest {

    private final HikariOneLineWarnings filter = new HikariOneLineWarnings();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.pool.ProxyConnection");
    private final Logger other = (Logger) LoggerFactory.getLogger("io.shoperp.SomethingElse");

    @BeforeEach
    void capture() {
        filter.register();
        lines.start();
        hikari.addAppender(lines);
        other.addAppender(lines);
    }

    @AfterEach
    void release() {
        filter.unregister();
        hikari.detachAppender(lines);
        other.detachAppender(lines);
    }

    @Test
    void hikarisBrokenConnectionWarningLosesItsStackTraceButKeepsWhatHappened() {
        SQLNonTransientConnectionException lost = new SQLNonTransientConnectionException(
                "Communications link failure\n\nThe last packet sent successfully to the server was 0 ms ago.", "08S01");

        // As Hikari's ProxyConnection.checkException logs it.
        hikari.warn("{} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})", "HikariPool-1",
                "conn3", "08S01", 0, lost);
        other.warn("not Hikari's", lost);

        assertThat(lines.list).hasSize(2);
        ILoggingEvent oneLine = lines.list.get(0);
        assertThat(oneLine.getThrowableProxy()).isNull();
        assertThat(oneLine.getFormattedMessage()).isEqualTo("HikariPool-1 - Connection conn3 marked as broken because"
                + " of SQLSTATE(08S01), ErrorCode(0) (java.sql.SQLNonTransientConnectionException: Communications link"
                + " failure The last packet sent successfully to the server was 0 ms ago.)");
        assertThat(lines.list.get(1).getThrowableProxy()).as("other loggers keep their stack traces").isNotNull();
    }
}
