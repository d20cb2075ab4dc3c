package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.shoperp.support.RouteHarness;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled-job template of jobs.yaml: a tick runs the job only on the instance that claims the period, and the
 * claim is finished however the run ends, so a failed run does not hold the job until its lease runs out.
 */
class ScheduledJobRouteTest {

    /** scheduledJobs: claims as the test says, records every call. */
    public static final class Jobs {
        final List<String> calls = new ArrayList<>();
        boolean claims = true;

        public boolean claim(String job, String period) {
            calls.add("claim " + job + " every " + period);
            return claims;
        }

        public void finish(String job) {
            calls.add("finish " + job);
        }
    }

    /** The job itself. */
    public static final class Work {
        int runs;
        RuntimeException failure;

        public void run() {
            runs++;
            if (failure != null) {
                throw failure;
            }
        }
    }

    private final Jobs jobs = new Jobs();
    private final Work work = new Work();
    private RouteHarness routes;

    @BeforeEach
    void start() {
        routes = RouteHarness.of("jobs.yaml")
                .bind("scheduledJobs", jobs)
                .bind("work", work)
                .start();
        TemplatedRouteBuilder.builder(routes.camel(), "scheduled-job")
                .routeId("test-job")
                .parameter("job", "test-job")
                .parameter("period", "15m")
                // The timer does not tick during the test: the test fires it.
                .parameter("delay", "1h")
                .parameter("run", "bean:work?method=run")
                .add();
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theInstanceThatClaimsThePeriodRunsTheJobAndFinishesIt() {
        tick();

        assertThat(work.runs).isEqualTo(1);
        assertThat(jobs.calls).containsExactly("claim test-job every 15m", "finish test-job");
    }

    @Test
    void anotherInstanceHoldingThePeriodMeansNoRun() {
        jobs.claims = false;

        tick();

        assertThat(work.runs).isZero();
        assertThat(jobs.calls).containsExactly("claim test-job every 15m");
    }

    @Test
    void aFailedRunStillFinishesItsClaim() {
        work.failure = new IllegalStateException("ERPNext unreachable");

        Exchange tick = tick();

        assertThat(tick.getException()).hasMessage("ERPNext unreachable");
        assertThat(work.runs).isEqualTo(1);
        assertThat(jobs.calls).containsExactly("claim test-job every 15m", "finish test-job");
    }

    /** What the timer does on a tick: hands the route's consumer a new exchange. */
    private Exchange tick() {
        Route job = routes.camel().getRoute("test-job");
        Exchange exchange = job.getEndpoint().createExchange();
        try {
            job.getConsumer().getProcessor().process(exchange);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return exchange;
    }
}
