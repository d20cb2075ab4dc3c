package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant START = Instant.parse("2026-11-29T00:00:00Z");

    private final ProcessingProperties.Retry settings = new ProcessingProperties.Retry();

    @Test
    void backsOffExponentiallyFromFiveSecondsUpToTenMinutes() {
        RetryPolicy policy = new RetryPolicy(settings, () -> 0.5); // no jitter at the middle of the range

        assertThat(delayAfter(policy, 1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delayAfter(policy, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(delayAfter(policy, 5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(delayAfter(policy, 12)).isEqualTo(Duration.ofMinutes(10));
        assertThat(delayAfter(policy, 40)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void spreadsDelaysByTheJitterFractionButNeverBeyondTheCap() {
        assertThat(delayAfter(new RetryPolicy(settings, () -> 0.0), 2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(delayAfter(new RetryPolicy(settings, () -> 1.0), 2)).isEqualTo(Duration.ofSeconds(12));
        assertThat(delayAfter(new RetryPolicy(settings, () -> 1.0), 30)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void honoursALongerRetryAfter() {
        RetryPolicy policy = new RetryPolicy(settings, () -> 0.5);

        RetryPolicy.Decision decision = policy.next(1, START, START, Optional.of(Duration.ofSeconds(90)));

        assertThat(decision.retryAt()).contains(START.plusSeconds(90));
    }

    @Test
    void givesUpOnceTheNextAttemptWouldFallOutsideTheRetryWindow() {
        RetryPolicy policy = new RetryPolicy(settings, () -> 0.5);
        Instant late = START.plus(Duration.ofHours(24)).minusSeconds(60);

        RetryPolicy.Decision decision = policy.next(150, START, late, Optional.empty());

        assertThat(decision.retryAt()).isEmpty();
        assertThat(decision.giveUpReason()).contains("gave up after 150 attempts").contains("give-up-after");
    }

    @Test
    void givesUpAtTheConfiguredAttemptCount() {
        settings.setMaxAttempts(3);
        RetryPolicy policy = new RetryPolicy(settings, () -> 0.5);

        assertThat(policy.next(2, START, START, Optional.empty()).retryAt()).isPresent();
        assertThat(policy.next(3, START, START, Optional.empty()).giveUpReason()).contains("max-attempts");
    }

    private static Duration delayAfter(RetryPolicy policy, int attempts) {
        return Duration.between(START, policy.next(attempts, START, START, Optional.empty()).retryAt().orElseThrow());
    }
}
