package io.shoperp.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a transiently failed event is tried next: exponential backoff with jitter, never sooner than the
 * server's Retry-After, and no more once the retry window or the attempt budget is spent.
 */
public final class RetryPolicy {

    /** The next attempt time, or empty when the event should give up. */
    public record Decision(Optional<Instant> retryAt, String giveUpReason) {
        static Decision retryAt(Instant at) {
            return new Decision(Optional.of(at), null);
        }

        static Decision giveUp(String reason) {
            return new Decision(Optional.empty(), reason);
        }
    }

    private final ProcessingProperties.Retry settings;
    private final DoubleSupplier random;

    public RetryPolicy(ProcessingProperties.Retry settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * @param attempts       attempts made so far (1 after the first failure)
     * @param firstAttemptAt start of the retry window
     * @param retryAfter     the server's Retry-After, when it sent one
     */
    public Decision next(int attempts, Instant firstAttemptAt, Instant now, Optional<Duration> retryAfter) {
        if (settings.getMaxAttempts() > 0 && attempts >= settings.getMaxAttempts()) {
            return Decision.giveUp("gave up after " + attempts + " attempts (processing.retry.max-attempts)");
        }
        Duration delay = backoff(attempts);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        Instant at = now.plus(delay);
        if (at.isAfter(firstAttemptAt.plus(settings.getGiveUpAfter()))) {
            return Decision.giveUp("gave up after " + attempts + " attempts over "
                    + Duration.between(firstAttemptAt, now).toMinutes() + " min (processing.retry.give-up-after "
                    + settings.getGiveUpAfter() + ")");
        }
        return Decision.retryAt(at);
    }

    private Duration backoff(int attempts) {
        double base = settings.getInitialDelay().toMillis() * Math.pow(settings.getMultiplier(), attempts - 1);
        double spread = 1 + settings.getJitter() * (2 * random.getAsDouble() - 1);
        double jittered = Math.min(base * spread, settings.getMaxDelay().toMillis());
        return Duration.ofMillis(Math.max(0, Math.round(jittered)));
    }
}
