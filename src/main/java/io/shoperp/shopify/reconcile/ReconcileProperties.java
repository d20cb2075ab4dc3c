package io.shoperp.shopify.reconcile;

import java.time.Duration;

import io.shoperp.shopify.ShopifyAdminClient;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reconciliation settings ({@code reconcile.*}). {@code enabled}, {@code interval} and {@code initial-delay} schedule
 * the {@code orders-reconcile} route (routes/reconcile.yaml reads them with the same defaults); the others shape a run.
 */
@ConfigurationProperties("reconcile")
public class ReconcileProperties {

    /** Runs on a schedule; only shops with admin-api-url and admin-api-token are reconciled. */
    private boolean enabled = true;
    /** Time between two runs. */
    private Duration interval = Duration.ofMinutes(15);
    /** Time from start-up to the first run, so the application settles first. */
    private Duration initialDelay = Duration.ofMinutes(1);
    /**
     * How far before the watermark each run starts reading: Shopify's updated_at search index lags behind writes, so
     * an order updated just before the last run may only now be listed. At least one second, because Shopify's
     * updated_at filter has whole seconds.
     */
    private Duration overlap = Duration.ofMinutes(10);
    /** How far back the first run of a shop (no watermark yet) reads. */
    private Duration initialLookback = Duration.ofHours(24);
    /** Orders per Admin API page, 1 to 250. */
    private int pageSize = ShopifyAdminClient.MAX_PAGE_SIZE;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Duration getOverlap() {
        return overlap;
    }

    public void setOverlap(Duration overlap) {
        if (overlap.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("reconcile.overlap must be at least 1s (Shopify filters whole seconds)");
        }
        this.overlap = overlap;
    }

    public Duration getInitialLookback() {
        return initialLookback;
    }

    public void setInitialLookback(Duration initialLookback) {
        if (initialLookback.isNegative()) {
            throw new IllegalArgumentException("reconcile.initial-lookback must not be negative");
        }
        this.initialLookback = initialLookback;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > ShopifyAdminClient.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("reconcile.page-size must be 1.." + ShopifyAdminClient.MAX_PAGE_SIZE);
        }
        this.pageSize = pageSize;
    }
}
