package io.shoperp.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code jobs.*}: how the instances of one deployment share the scheduled jobs (see ScheduledJobs). */
@ConfigurationProperties("jobs")
public class ScheduledJobProperties {

    /**
     * How long a started run keeps the job from the other instances at most: a run longer than this may overlap
     * another instance's (harmless, only wasteful), and an instance that dies mid-run blocks the job this long.
     */
    private Duration maxRun = Duration.ofMinutes(10);

    public Duration getMaxRun() {
        return maxRun;
    }

    public void setMaxRun(Duration maxRun) {
        if (maxRun == null || maxRun.isNegative() || maxRun.isZero()) {
            throw new IllegalArgumentException("jobs.max-run must be positive, not " + maxRun);
        }
        this.maxRun = maxRun;
    }
}
