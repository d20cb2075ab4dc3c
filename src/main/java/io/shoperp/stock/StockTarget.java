package io.shoperp.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the stock push sets a Shopify level to: ERPNext's available figure (actual minus reserved), less the Shopify
 * sales ERPNext has not recorded yet, so that Shopify never offers more than ERPNext can cover and a recorded sale is
 * subtracted once.
 * <p>
 * Unrecorded sales are those waiting in the inbox ({@code pending}), and those whose order has not arrived at all:
 * Shopify dropped since the {@link Baseline} by more than the orders that arrived since explain. The drop is the
 * larger of the net fall of Shopify's figure and the sum of the decreases Shopify reported (a merchant's rise cannot
 * hide a sale). Such an unexplained drop is held back for {@code grace}; after that it is taken for a merchant's
 * change of a figure ERPNext owns, and ERPNext's figure is restored.
 *
 * @param target          the figure to set
 * @param next            the baseline to keep once Shopify holds {@link #target}
 * @param settledDecrease the reported decreases this target accounts for, to take off the level's count
 */
public record StockTarget(int target, Baseline next, int settledDecrease) {

    /**
     * Shopify's figure {@code available} at {@code at}, when every earlier sale was recorded in ERPNext or waiting in
     * the inbox; {@code pushedSince}, what the push added (or took) since; {@code reportedDecrease}, the decreases
     * Shopify reported since; {@code unexplainedSince}, since when Shopify shows less than the orders that arrived
     * explain.
     */
    public record Baseline(int available, Instant at, int pushedSince, int reportedDecrease,
            Optional<Instant> unexplainedSince) {

        public static Baseline at(int available, Instant at) {
            return new Baseline(available, at, 0, 0, Optional.empty());
        }
    }

    /**
     * @param erpnextAvailable ERPNext's actual minus reserved
     * @param pendingSales     units of the level's item in Shopify orders the inbox holds but ERPNext has not recorded
     * @param baseline         the level's baseline, null when the push never saw the level
     * @param shopifyNow       Shopify's figure, known at {@code seenAt}
     * @param arrivedSales     units of the level's item in Shopify orders created after the baseline
     */
    public static StockTarget of(int erpnextAvailable, int pendingSales, Baseline baseline, int shopifyNow,
            Instant seenAt, int arrivedSales, Instant now, Duration grace) {
        int unexplained = baseline == null ? 0 : Math.max(0, Math.max(
                baseline.available() + baseline.pushedSince() - shopifyNow, baseline.reportedDecrease()) - arrivedSales);
        Instant unexplainedSince = baseline == null ? now : baseline.unexplainedSince().orElse(now);
        boolean holdingBack = unexplained > 0 && now.isBefore(unexplainedSince.plus(grace));
        int target = Math.max(0, erpnextAvailable - pendingSales - (holdingBack ? unexplained : 0));
        if (holdingBack) {
            return new StockTarget(target, new Baseline(baseline.available(), baseline.at(),
                    baseline.pushedSince() + target - shopifyNow, baseline.reportedDecrease(),
                    Optional.of(unexplainedSince)), 0);
        }
        return new StockTarget(target, Baseline.at(target, seenAt), baseline == null ? 0 : baseline.reportedDecrease());
    }
}
