package io.shoperp.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.ExchangeProperties;
import io.shoperp.LogFields;
import io.shoperp.erpnext.ErrorClassification;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records how the processing of an event ended, for the routes: DONE or IGNORED, a retry at a stored time
 * (transient failures), or DEAD with the reason. One log line and one {@code inbox.outcomes} count per outcome.
 */
@Component("inboxProcessing")
public class InboxProcessing {

    private static final Logger LOG = LoggerFactory.getLogger(InboxProcessing.class);

    private final InboxStore store;
    private final AppliedVersions versions;
    private final FailureClassifier classifier;
    private final RetryPolicy retryPolicy;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final InboxLeases leases;

    public InboxProcessing(InboxStore store, AppliedVersions versions, FailureClassifier classifier,
                           ProcessingProperties properties, MeterRegistry meters, Clock clock, DatabaseOutage outage,
                           InboxLeases leases) {
        this.store = store;
        this.versions = versions;
        this.classifier = classifier;
        this.retryPolicy = new RetryPolicy(properties.getRetry(), new Random()::nextDouble);
        this.meters = meters;
        this.clock = clock;
        this.outage = outage;
        this.leases = leases;
    }

    /** The outcome of an event older than the version of its resource already applied. */
    public ApplyOutcome stale(@Body InboxEvent event) {
        return ApplyOutcome.ignored("stale: updated_at " + event.resourceUpdatedAt() + " is older than the applied "
                + versions.appliedVersion(event).map(Instant::toString).orElse("version"));
    }

    public ApplyOutcome unmappedTopic(@Body InboxEvent event) {
        return ApplyOutcome.ignored("no route for topic " + event.topic());
    }

    public void complete(@ExchangeProperty(ExchangeProperties.INBOX_EVENT) InboxEvent event,
                         @Body ApplyOutcome outcome) {
        recordOutcome(event, outcome.metricOutcome(), outcome.detail(), () -> store.complete(event, outcome, versions));
    }

    /** A transient failure: try again at the policy's time, or give up (DEAD) when retries are exhausted. */
    public void retryLater(@ExchangeProperty(ExchangeProperties.INBOX_EVENT) InboxEvent event, Exchange exchange) {
        ErrorClassification failure = classifier.classify(FailureClassifier.failureOf(exchange));
        Instant now = Instant.now(clock);
        RetryPolicy.Decision decision = retryPolicy.next(event.attempts(),
                event.firstAttemptAt() != null ? event.firstAttemptAt() : now, now, failure.retryAfter());
        if (decision.retryAt().isPresent()) {
            Instant at = decision.retryAt().get();
            recordOutcome(event, "RETRY", "attempt " + event.attempts() + " failed, next at " + at + ": "
                    + failure.reason(), () -> store.scheduleRetry(event, at, failure.reason()));
        } else {
            dead(event, decision.giveUpReason() + "; last error: " + failure.reason(), failure.reason());
        }
    }

    /** The dead letter channel's end: a permanent failure. */
    public void deadLetter(@Body InboxEvent event, Exchange exchange) {
        ErrorClassification failure = classifier.classify(FailureClassifier.failureOf(exchange));
        dead(event, failure.reason(), failure.reason());
    }

    private void dead(InboxEvent event, String reason, String error) {
        recordOutcome(event, InboxStatus.DEAD.name(), reason, () -> store.markDead(event, reason, error));
    }

    /**
     * Writes an outcome (the write answers false when another worker took the event over). With the database
     * unavailable the outcome is not recorded: the lease is no longer renewed, and the event is processed again
     * once it ends.
     */
    private void recordOutcome(InboxEvent event, String outcome, String detail, BooleanSupplier write) {
        boolean written;
        try {
            written = write.getAsBoolean();
        } catch (RuntimeException failure) {
            if (outage.absorb(failure, "event " + event.id() + " " + outcome + " not recorded")) {
                return;
            }
            throw failure;
        } finally {
            // Recorded or not, this worker is done with it: an unrecorded outcome is found again when the lease ends.
            leases.released(event);
        }
        if (written) {
            record(event, outcome, detail);
        } else {
            lostLease(event, outcome);
        }
    }

    private void record(InboxEvent event, String outcome, String detail) {
        Counter.builder("inbox.outcomes")
                .description("Processed inbox events by topic and outcome")
                .tag("topic", event.topic())
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
        try (LogFields fields = logFields(event)) {
            LOG.info("event {} shop={} topic={} webhookId={} entity={} attempt={} id={}: {}",
                    outcome.toLowerCase(Locale.ROOT), event.shopDomain(), event.topic(), event.webhookId(),
                    event.entityKey(), event.attempts(), event.id(), detail);
        }
    }

    /** Another worker took the event over after this one's lease ran out; its outcome stands, not this one. */
    private void lostLease(InboxEvent event, String outcome) {
        try (LogFields fields = logFields(event)) {
            LOG.warn("event {} lease lost before recording {}: left to the worker that took it over", event, outcome);
        }
    }

    private static LogFields logFields(InboxEvent event) {
        return LogFields.of(event.shopDomain(), event.topic(), event.webhookId(), event.entityKey())
                .with(LogFields.INBOX_ID, event.id()).with(LogFields.EVENT_ID, event.eventId());
    }
}
