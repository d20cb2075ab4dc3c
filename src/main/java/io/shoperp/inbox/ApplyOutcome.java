package io.shoperp.inbox;

/**
 * How applying an event ended when it did not fail: DONE (with what it did, for the history) or IGNORED (with
 * the reason, e.g. stale or a topic nothing is mapped to). A conflict is an IGNORED change that the owning
 * system's state forbids applying (an order edited in Shopify after ERPNext invoiced it): it is counted apart so
 * an operator sees it. Failures are exceptions, classified as transient or permanent by the processing route.
 */
public record ApplyOutcome(InboxStatus status, String detail, boolean conflict) {

    public ApplyOutcome {
        if (status != InboxStatus.DONE && status != InboxStatus.IGNORED) {
            throw new IllegalArgumentException("an outcome is DONE or IGNORED, not " + status);
        }
    }

    public static ApplyOutcome done(String detail) {
        return new ApplyOutcome(InboxStatus.DONE, detail, false);
    }

    public static ApplyOutcome ignored(String reason) {
        return new ApplyOutcome(InboxStatus.IGNORED, reason, false);
    }

    public static ApplyOutcome conflict(String reason) {
        return new ApplyOutcome(InboxStatus.IGNORED, "conflict: " + reason, true);
    }

    /** The {@code outcome} tag of inbox.outcomes. */
    String metricOutcome() {
        return conflict ? "conflict" : status.name();
    }
}
