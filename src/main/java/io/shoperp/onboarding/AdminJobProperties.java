package io.shoperp.onboarding;

import java.time.Duration;

import io.shoperp.shopify.ShopifyAdminClient;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code admin-jobs.*}: how the catalog import and the order backfill run (routes/admin-jobs.yaml reads
 * {@code enabled} and the poll interval through {@code {{bridge:admin-jobs.*}}}).
 */
@ConfigurationProperties("admin-jobs")
public class AdminJobProperties {

    /** False: this instance runs no admin job (the admin API still accepts them, for the instances that do). */
    private boolean enabled = true;
    /** How often an instance looks for a job to run (or to resume). */
    private Duration pollInterval = Duration.ofSeconds(5);
    /**
     * How long a claimed job stays with its instance without progress: renewed at every page, so a job whose instance
     * died is resumed by another one after at most this long.
     */
    private Duration lease = Duration.ofSeconds(60);
    /** Wait before a page is read again after Shopify or the database failed on it (throttling waits what Shopify says). */
    private Duration retryDelay = Duration.ofSeconds(30);
    /** Orders per backfill page, 1 to 250; each order is also read once through REST, so a page takes about this many calls. */
    private int ordersPageSize = 50;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        if (lease.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("admin-jobs.lease must be at least 5s");
        }
        this.lease = lease;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getOrdersPageSize() {
        return ordersPageSize;
    }

    public void setOrdersPageSize(int ordersPageSize) {
        if (ordersPageSize < 1 || ordersPageSize > ShopifyAdminClient.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("admin-jobs.orders-page-size must be 1.." + ShopifyAdminClient.MAX_PAGE_SIZE);
        }
        this.ordersPageSize = ordersPageSize;
    }
}
