package io.shoperp.stock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stock.*}: the stock push (ERPNext to Shopify) and the recognition of its echoes. The route reads
 * {@code push-interval} and {@code push-enabled} itself; they are bound here so a wrong value fails at startup.
 */
@ConfigurationProperties("stock")
public class StockProperties {

    /** Time between two pushes, of stock and of prices (price.yaml); a push only writes what changed since the previous one. */
    private Duration pushInterval = Duration.ofSeconds(60);
    /** Pushes to every shop with Admin API settings; false stops the scheduled stock and price pushes. */
    private boolean pushEnabled = true;
    /** How long a write is remembered to recognise the inventory_levels/update webhook it causes. */
    private Duration echoWindow = Duration.ofMinutes(10);
    /** Re-reads and retries of one level after a stale compare-and-set, within one push. */
    private int maxStaleRetries = 3;
    /**
     * How long a drop in Shopify that no order in the inbox explains is held back as a sale whose order is still on
     * its way; after that it is taken for a merchant's change, which the push reverts.
     */
    private Duration unexplainedDropGrace = Duration.ofMinutes(10);
    /** How far back the push looks in the inbox for the orders that explain Shopify's drops. */
    private Duration salesLookback = Duration.ofHours(24);
    /** How often a push ERPNext's webhook asks for tries again while another push runs, before it gives up. */
    private int webhookPushRetries = 120;
    /** The wait between those tries. */
    private Duration webhookPushRetryDelay = Duration.ofSeconds(1);

    public Duration getPushInterval() {
        return pushInterval;
    }

    public void setPushInterval(Duration pushInterval) {
        requirePositive(pushInterval, "stock.push-interval");
        this.pushInterval = pushInterval;
    }

    public boolean isPushEnabled() {
        return pushEnabled;
    }

    public void setPushEnabled(boolean pushEnabled) {
        this.pushEnabled = pushEnabled;
    }

    public Duration getEchoWindow() {
        return echoWindow;
    }

    public void setEchoWindow(Duration echoWindow) {
        requirePositive(echoWindow, "stock.echo-window");
        this.echoWindow = echoWindow;
    }

    public int getMaxStaleRetries() {
        return maxStaleRetries;
    }

    public void setMaxStaleRetries(int maxStaleRetries) {
        if (maxStaleRetries < 0) {
            throw new IllegalArgumentException("stock.max-stale-retries must not be negative");
        }
        this.maxStaleRetries = maxStaleRetries;
    }

    public Duration getUnexplainedDropGrace() {
        return unexplainedDropGrace;
    }

    public void setUnexplainedDropGrace(Duration unexplainedDropGrace) {
        requirePositive(unexplainedDropGrace, "stock.unexplained-drop-grace");
        this.unexplainedDropGrace = unexplainedDropGrace;
    }

    public Duration getSalesLookback() {
        return salesLookback;
    }

    public void setSalesLookback(Duration salesLookback) {
        requirePositive(salesLookback, "stock.sales-lookback");
        this.salesLookback = salesLookback;
    }

    public int getWebhookPushRetries() {
        return webhookPushRetries;
    }

    public void setWebhookPushRetries(int webhookPushRetries) {
        if (webhookPushRetries < 0) {
            throw new IllegalArgumentException("stock.webhook-push-retries must not be negative");
        }
        this.webhookPushRetries = webhookPushRetries;
    }

    public Duration getWebhookPushRetryDelay() {
        return webhookPushRetryDelay;
    }

    public void setWebhookPushRetryDelay(Duration webhookPushRetryDelay) {
        requirePositive(webhookPushRetryDelay, "stock.webhook-push-retry-delay");
        this.webhookPushRetryDelay = webhookPushRetryDelay;
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be positive");
        }
    }
}
