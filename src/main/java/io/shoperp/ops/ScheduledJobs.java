package io.shoperp.ops;

import static io.shoperp.inbox.UtcColumns.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.shoperp.inbox.InboxDispatcher;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run per period across all instances of a deployment: every instance has the timers of the scheduled jobs
 * (routes/jobs.yaml), and a timer's run goes ahead only if this instance claims the job in the shared database.
 * A claim holds while the run lasts (at most {@code jobs.max-run}); once finished, the job stays blocked for the
 * rest of 90 % of its period from the run's start, so the other instances' timers skip it, and whichever instance's
 * timer fires next after that runs it. Without this, N instances made N times the Admin API calls of one. A run asked
 * for outside the timer ({@link #claimNow}) may start within the period, but not while another run is going.
 */
@Component("scheduledJobs")
public class ScheduledJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String instance;
    private final Duration maxRun;
    /** The runs this instance has claimed and not finished. */
    private final Map<String, Run> running = new ConcurrentHashMap<>();

    @Autowired
    public ScheduledJobs(JdbcTemplate jdbc, Clock clock, InboxDispatcher dispatcher, ScheduledJobProperties properties) {
        this(jdbc, clock, dispatcher.instanceId(), properties.getMaxRun());
    }

    /** @param instance this instance's name, the one its inbox leases carry */
    ScheduledJobs(JdbcTemplate jdbc, Clock clock, String instance, Duration maxRun) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instance = instance;
        this.maxRun = maxRun;
    }

    /**
     * Claims a run of the job for this instance: the timer's, which waits for the period.
     *
     * @param period the job's timer period, Camel syntax (60s, 15m, 1h)
     * @return true when this instance is to run the job now
     */
    public boolean claim(String job, String period) {
        boolean claimed = take(job, period, "blocked_until <= ?");
        if (!claimed) {
            LOG.debug("scheduled job {} skipped: another instance runs it or ran it in this period", job);
        }
        return claimed;
    }

    /**
     * Claims a run now, within the period of the last one (a push ERPNext's stock webhook asks for), but never
     * while another run is going; a run unfinished after {@code jobs.max-run} no longer counts as going.
     *
     * @param period the job's timer period: the next timer run waits 90 % of it after this one
     * @throws JobRunningException while another run of the job is going
     */
    public void claimNow(String job, String period) {
        if (!take(job, period, "(blocked_until <= ? OR finished_at IS NOT NULL)")) {
            throw new JobRunningException(job);
        }
    }

    /** Ends this instance's run: the job stays blocked for the rest of 90 % of its period from the start. */
    public void finish(String job) {
        Run run = running.remove(job);
        if (run == null) {
            return;
        }
        Instant now = Instant.now(clock);
        Instant earliestNext = run.started().plus(run.period().multipliedBy(9).dividedBy(10));
        jdbc.update("UPDATE scheduled_job SET blocked_until = ?, finished_at = ? WHERE name = ? AND owner = ?",
                utc(now.isAfter(earliestNext) ? now : earliestNext), utc(now), job, instance);
    }

    /** @param free when the job's row may be taken, a condition with one placeholder: now */
    private boolean take(String job, String period, String free) {
        Instant now = Instant.now(clock);
        boolean claimed = jdbc.update("UPDATE scheduled_job SET owner = ?, started_at = ?, blocked_until = ?,"
                + " finished_at = NULL WHERE name = ? AND " + free, instance, utc(now), utc(now.plus(maxRun)), job,
                utc(now)) == 1 || insert(job, now);
        if (claimed) {
            running.put(job, new Run(now, Duration.ofMillis(TimeUtils.toMilliSeconds(period))));
        }
        return claimed;
    }

    private boolean insert(String job, Instant now) {
        try {
            return jdbc.update("INSERT INTO scheduled_job (name, owner, started_at, blocked_until) VALUES (?, ?, ?, ?)",
                    job, instance, utc(now), utc(now.plus(maxRun))) == 1;
        } catch (DuplicateKeyException otherInstance) {
            return false;
        }
    }

    private record Run(Instant started, Duration period) {
    }
}
