package io.shoperp.shopify;

import java.time.Duration;

/**
 * The cost bucket Shopify reports with a GraphQL answer ({@code extensions.cost.throttleStatus}): points available
 * now, the bucket size, and points restored per second.
 */
public record ThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate) {

    /** How long until the bucket holds {@code requestedCost} points again; zero when it already does. */
    public Duration waitFor(double requestedCost) {
        double missing = Math.min(requestedCost, maximumAvailable) - currentlyAvailable;
        if (missing <= 0 || restoreRate <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(missing * 1000 / restoreRate));
    }
}
