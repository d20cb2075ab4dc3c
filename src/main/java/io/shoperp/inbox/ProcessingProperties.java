package io.shoperp.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How stored events are turned into ERPNext effects ({@code processing.*}). */
@ConfigurationProperties("processing")
public class ProcessingProperties {

    /** Events applied in parallel by this instance (different entities; one entity is never parallel). */
    private int concurrency = 4;
    /** Events claimed per poll; 0 means twice the concurrency. */
    private int batchSize = 0;
    /** Pause between polls when the last one found nothing due. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * The longest one event is held by a live worker: its lease is renewed until then, so a worker stuck past it
     * loses the event to another one. Not how fast a dead instance's events come back: see livenessTimeout.
     */
    private Duration lease = Duration.ofMinutes(5);
    /**
     * How long the leases of an instance that stopped renewing them (killed, crashed, frozen) still hold: its events
     * are claimable again after this. A live instance renews its leases every quarter of it.
     */
    private Duration livenessTimeout = Duration.ofSeconds(10);
    /** On shutdown (SIGTERM), how long running events may take to finish before the instance exits anyway. */
    private Duration shutdownGrace = Duration.ofSeconds(30);
    /** Switch the dispatcher off (e.g. an ingest-only instance). */
    private boolean enabled = true;
    /**
     * DONE and IGNORED events (payload and history) are deleted this long after they finished; DEAD and open
     * events are kept. Each order's newest orders/* event is kept too: its refunds read it.
     */
    private Duration finishedRetention = Duration.ofDays(30);
    /** How often finished events past the retention are deleted (read by routes/housekeeping.yaml). */
    private Duration finishedPurgeInterval = Duration.ofHours(1);
    private Retry retry = new Retry();

    public int effectiveBatchSize() {
        return batchSize > 0 ? batchSize : 2 * concurrency;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getLivenessTimeout() {
        return livenessTimeout;
    }

    public void setLivenessTimeout(Duration livenessTimeout) {
        if (livenessTimeout == null || livenessTimeout.getSeconds() < 1) {
            throw new IllegalArgumentException("processing.liveness-timeout must be at least 1s, not " + livenessTimeout);
        }
        this.livenessTimeout = livenessTimeout;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getFinishedRetention() {
        return finishedRetention;
    }

    public void setFinishedRetention(Duration finishedRetention) {
        this.finishedRetention = finishedRetention;
    }

    public Duration getFinishedPurgeInterval() {
        return finishedPurgeInterval;
    }

    public void setFinishedPurgeInterval(Duration finishedPurgeInterval) {
        this.finishedPurgeInterval = finishedPurgeInterval;
    }

    public Retry getRetry() {
        return retry;
    }

    public void setRetry(Retry retry) {
        this.retry = retry;
    }

    /** Backoff of transient failures; the next attempt time is stored in the row, so it survives restarts. */
    public static class Retry {
        private Duration initialDelay = Duration.ofSeconds(5);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofMinutes(10);
        /** Give up (DEAD) once retrying has lasted this long. */
        private Duration giveUpAfter = Duration.ofHours(24);
        /** Give up after this many attempts; 0 = only giveUpAfter applies. */
        private int maxAttempts = 0;
        /** Each delay is spread randomly by up to this fraction, so a burst of failures does not retry in step. */
        private double jitter = 0.2;

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public Duration getGiveUpAfter() {
            return giveUpAfter;
        }

        public void setGiveUpAfter(Duration giveUpAfter) {
            this.giveUpAfter = giveUpAfter;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }
}
