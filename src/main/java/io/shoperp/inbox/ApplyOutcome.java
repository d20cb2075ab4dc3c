package io.shoperp.inbox;

/**
 * How applying an event ended when it did not fail: DONE (with what it did, for the history) or IGNORED (with
 * the reason, e.g. stale or a topic nothing is mapped to). Failures are exceptions, classified as transient or
 * permanent by the processing route.
 */
public record ApplyOutcome(InboxStatus status, String detail) {

    public ApplyOutcome {
        if (status != InboxStatus.DONE && status != InboxStatus.IGNORED) {
            throw new IllegalArgumentException("an outcome is DONE or IGNORED, not " + status);
        }
    }

    public static ApplyOutcome done(String detail) {
        return new ApplyOutcome(InboxStatus.DONE, detail);
    }

    public static ApplyOutcome ignored(String reason) {
        return new ApplyOutcome(InboxStatus.IGNORED, reason);
    }
}
