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
 * timer fires next after that runs it. Without this, N instances made N times the Admin API calls of one.
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
     * Claims a run of the job for this instance.
     *
     * @param period the job's timer period, Camel syntax (60s, 15m, 1h)
     * @return true when this instance is to run the job now
     */
    public boolean claim(String job, String period) {
        Instant now = Instant.now(clock);
        Duration every = Duration.ofMillis(TimeUtils.toMilliSeconds(period));
        boolean claimed = jdbc.update("UPDATE scheduled_job SET owner = ?, started_at = ?, blocked_until = ?"
                + " WHERE name = ? AND blocked_until <= ?", instance, utc(now), utc(now.plus(maxRun)), job, utc(now)) == 1
                || insert(job, now);
        if (claimed) {
            running.put(job, new Run(now, every));
        } else {
            LOG.debug("scheduled job {} skipped: another instance runs it or ran it in this period", job);
        }
        return claimed;
    }

    /** Ends this instance's run: the job stays blocked for the rest of 90 % of its period from the start. */
    public void finish(String job) {
        Run run = running.remove(job);
        if (run == null) {
            return;
        }
        Instant now = Instant.now(clock);
        Instant earliestNext = run.started().plus(run.period().multipliedBy(9).dividedBy(10));
        jdbc.update("UPDATE scheduled_job SET blocked_until = ? WHERE name = ? AND owner = ?",
                utc(now.isAfter(earliestNext) ? now : earliestNext), job, instance);
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
