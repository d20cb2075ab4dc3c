package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.shoperp.inbox.InboxDispatcher;
import io.shoperp.support.H2AppTest;
import io.shoperp.support.SettableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduled jobs of several instances run once per period between them, and a crashed run blocks only a while. */
@H2AppTest
class ScheduledJobsH2Test {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    InboxDispatcher dispatcher;

    private final String job = "test-job-" + UUID.randomUUID();
    private final SettableClock clock = new SettableClock(T0);

    @Test
    void oneInstanceRunsPerPeriodAndACrashedRunBlocksTheJobOnlyUntilMaxRun() {
        ScheduledJobs first = instance("first");
        ScheduledJobs second = instance("second");

        clock.at(T0);
        assertThat(first.claim(job, "60s")).isTrue();
        assertThat(second.claim(job, "60s")).as("while the first runs").isFalse();
        clock.at(T0.plusSeconds(5));
        first.finish(job);
        clock.at(T0.plusSeconds(30));
        assertThat(second.claim(job, "60s")).as("ran 30 s ago, period 60 s").isFalse();
        clock.at(T0.plusSeconds(55));
        assertThat(second.claim(job, "60s")).as("90 % of the period after the last start").isTrue();

        // the second instance dies mid-run: nobody finishes its claim
        clock.at(T0.plusSeconds(55 + 5 * 60));
        assertThat(first.claim(job, "60s")).as("the dead instance's run may still be going").isFalse();
        clock.at(T0.plusSeconds(55 + 10 * 60));
        assertThat(first.claim(job, "60s")).as("max-run after the dead instance's start").isTrue();
    }

    @Test
    void aRunAskedForNowStartsWithinThePeriodButNeverBesideAnotherRun() {
        ScheduledJobs timer = instance("timer");
        ScheduledJobs webhook = instance("webhook");

        clock.at(T0);
        assertThat(timer.claim(job, "60s")).isTrue();
        assertThatThrownBy(() -> webhook.claimNow(job, "60s")).as("while the timer's run goes")
                .isInstanceOf(JobRunningException.class);
        clock.at(T0.plusSeconds(5));
        timer.finish(job);
        clock.at(T0.plusSeconds(10));
        webhook.claimNow(job, "60s");
        assertThat(timer.claim(job, "60s")).as("while the asked-for run goes").isFalse();
        assertThatThrownBy(() -> timer.claimNow(job, "60s")).isInstanceOf(JobRunningException.class);
        clock.at(T0.plusSeconds(12));
        webhook.finish(job);
        clock.at(T0.plusSeconds(60));
        assertThat(timer.claim(job, "60s")).as("the timer waits 90 % of its period after the asked-for run").isFalse();
        clock.at(T0.plusSeconds(64));
        assertThat(timer.claim(job, "60s")).isTrue();

        // the timer's instance dies mid-run: its claim stops counting as a run after max-run
        clock.at(T0.plusSeconds(64 + 9 * 60));
        assertThatThrownBy(() -> webhook.claimNow(job, "60s")).isInstanceOf(JobRunningException.class);
        clock.at(T0.plusSeconds(64 + 10 * 60));
        webhook.claimNow(job, "60s");
    }

    @Test
    void theScheduledJobRouteClaimsRunsAndFinishes() throws Exception {
        TemplatedRouteBuilder.builder(camel, "scheduled-job").routeId(job)
                .parameter("job", job).parameter("period", "1h").parameter("delay", "0")
                .parameter("run", "log:" + job + "?level=DEBUG").add();

        // Claimed, the row is blocked for max-run; finished, for 90 % of the hour.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> row = row().orElseThrow();
            assertThat(row.get("owner")).isEqualTo(dispatcher.instanceId());
            LocalDateTime started = ((Timestamp) row.get("started_at")).toLocalDateTime();
            LocalDateTime blockedUntil = ((Timestamp) row.get("blocked_until")).toLocalDateTime();
            assertThat(Duration.between(started, blockedUntil)).isEqualTo(Duration.ofMinutes(54));
        });
        camel.getRouteController().stopRoute(job);
        camel.removeRoute(job);
    }

    /** An instance of the application, by name, as the scheduled jobs see it: max-run 10 minutes. */
    private ScheduledJobs instance(String name) {
        return new ScheduledJobs(jdbc, clock, name, Duration.ofMinutes(10));
    }

    private Optional<Map<String, Object>> row() {
        return jdbc.queryForList("SELECT owner, started_at, blocked_until FROM scheduled_job WHERE name = ?", job)
                .stream().findFirst();
    }
}
