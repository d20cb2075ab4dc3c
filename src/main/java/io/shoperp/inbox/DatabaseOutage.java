package io.shoperp.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The processing side's view of the inbox database being down. Polls and the recording of outcomes fail until it
 * is back; that is logged as one WARN when it starts and one INFO when it ends, not as a stack trace per poll and per
 * event. Nothing is lost meanwhile: a claimed event whose outcome could not be recorded keeps its lease and is
 * processed again once the lease has run out (its ERPNext effects are idempotent).
 */
@Component
public class DatabaseOutage {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

    private final Clock clock;
    private final AtomicReference<Instant> since = new AtomicReference<>();

    public DatabaseOutage(Clock clock) {
        this.clock = clock;
    }

    /** The database could not be reached or lost the connection, somewhere down the cause chain. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (signalsUnavailable(cause)) {
                return true;
            }
        }
        return false;
    }

    /** This exception itself says the database is unreachable: a failure to wait out, not a bug. */
    static boolean signalsUnavailable(Throwable exception) {
        return exception instanceof DataAccessResourceFailureException
                || exception instanceof RecoverableDataAccessException
                || exception instanceof TransientDataAccessResourceException
                || exception instanceof CannotCreateTransactionException;
    }

    /**
     * Takes a failure of the database being unavailable (logged once per outage, then at DEBUG).
     *
     * @param consequence what the failure means here, for the log
     * @return false when the failure is something else, which the caller must not swallow
     */
    public boolean absorb(RuntimeException failure, String consequence) {
        if (!isUnavailable(failure)) {
            return false;
        }
        if (since.compareAndSet(null, Instant.now(clock))) {
            LOG.warn("inbox database unavailable ({}): {}; processing waits for it", Causes.classNames(failure),
                    consequence);
        } else {
            LOG.debug("inbox database still unavailable ({}): {}", Causes.classNames(failure), consequence);
        }
        return true;
    }

    /** A database call succeeded: ends an outage, if there was one. */
    public void available() {
        Instant started = since.getAndSet(null);
        if (started != null) {
            LOG.info("inbox database available again after {} s; events whose outcome was not recorded are processed"
                    + " again when their lease runs out", Duration.between(started, Instant.now(clock)).toSeconds());
        }
    }
}
