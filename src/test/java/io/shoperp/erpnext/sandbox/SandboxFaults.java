package io.shoperp.erpnext.sandbox;

import java.time.Duration;
import java.util.Optional;

/**
 * Failures the sandbox injects on /api/resource calls, to exercise retry paths without waiting for real outages.
 * Counted faults apply to the next N calls (failNext: any call; commitThenDropResponse: writes only).
 */
public class SandboxFaults {

    /** A status answered instead of processing, e.g. 429 with Retry-After, 500, 503. */
    public record InjectedFailure(int status, Integer retryAfterSeconds) {
    }

    private Duration latency = Duration.ZERO;
    private int failuresLeft;
    private InjectedFailure failure;
    private int dropsLeft;
    private Duration dropHold = Duration.ZERO;

    /** Every /api/resource call waits this long before it is processed. */
    public synchronized void latency(Duration latency) {
        this.latency = latency;
    }

    /** The next {@code count} calls answer {@code status} without touching any document. */
    public synchronized void failNext(int count, int status, Integer retryAfterSeconds) {
        this.failuresLeft = count;
        this.failure = new InjectedFailure(status, retryAfterSeconds);
    }

    /**
     * The next {@code count} writes are applied, then the answer is withheld for {@code hold} and the connection is
     * closed without any response: a client with a shorter read timeout sees a timeout, others an EOF.
     */
    public synchronized void commitThenDropResponse(int count, Duration hold) {
        this.dropsLeft = count;
        this.dropHold = hold;
    }

    public synchronized void clear() {
        latency = Duration.ZERO;
        failuresLeft = 0;
        failure = null;
        dropsLeft = 0;
        dropHold = Duration.ZERO;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Optional<InjectedFailure> takeFailure() {
        if (failuresLeft == 0) {
            return Optional.empty();
        }
        failuresLeft--;
        return Optional.of(failure);
    }

    /** The hold time when this write's response must be dropped. */
    synchronized Optional<Duration> takeDrop() {
        if (dropsLeft == 0) {
            return Optional.empty();
        }
        dropsLeft--;
        return Optional.of(dropHold);
    }
}
