package io.shoperp.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.shoperp.erpnext.ErpNextCircuitBreakerConfiguration;
import io.shoperp.inbox.InboxMetrics;
import io.shoperp.inbox.InboxStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code erpnext} and {@code inbox} components of /actuator/health, for the operator (details need the admin's
 * credentials). Neither takes the application down: with ERPNext unavailable, webhooks are still stored and wait,
 * so the ERPNext component reports {@link #CIRCUIT_OPEN}, a status outside the aggregate order that leaves the
 * overall status (and probes) UP. A database that is down is the db component's DOWN.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorHealth {

    /** The ERPNext circuit is open: calls are refused, events wait in the inbox and are retried. */
    public static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN",
            "ERPNext calls are refused while the circuit is open; events wait in the inbox and are retried");

    @Bean
    public HealthIndicator erpnextHealthIndicator(
            @Qualifier(ErpNextCircuitBreakerConfiguration.CIRCUIT_BREAKER_BEAN) CircuitBreaker breaker) {
        return () -> {
            CircuitBreaker.State state = breaker.getState();
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
            return Health.status(open ? CIRCUIT_OPEN : Status.UP)
                    .withDetail("circuit", state.name())
                    .withDetail("failureRatePercent", metrics.getFailureRate())
                    .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                    .build();
        };
    }

    @Bean
    public HealthIndicator inboxHealthIndicator(InboxMetrics inbox) {
        return () -> inbox.backlog().map(backlog -> {
            Map<String, Object> details = new LinkedHashMap<>();
            for (InboxStatus status : InboxStatus.values()) {
                details.put(status.name(), backlog.counts().getOrDefault(status, 0L));
            }
            details.put("oldestPendingAgeSeconds", backlog.oldestPendingSeconds());
            return Health.up().withDetails(details).build();
        }).orElseGet(() -> Health.unknown().withDetail("inbox", "not readable: the database is unavailable").build());
    }
}
