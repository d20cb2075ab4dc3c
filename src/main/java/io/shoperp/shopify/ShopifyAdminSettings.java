package io.shoperp.shopify;

import java.time.Duration;

import io.shoperp.ingest.ShopifyProperties;

/**
 * How the Admin API client talks to every shop: API version, timeouts, and the bound on in-process throttle waits
 * (at most {@code throttleRetries} retries of one call, each after a wait no longer than {@code maxThrottleWait}).
 */
public record ShopifyAdminSettings(String apiVersion, Duration connectTimeout, Duration readTimeout,
        Duration maxThrottleWait, int throttleRetries) {

    public ShopifyAdminSettings {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new IllegalArgumentException("shopify.admin-api-version is empty");
        }
        if (throttleRetries < 0) {
            throw new IllegalArgumentException("shopify.admin-api-throttle-retries must not be negative");
        }
    }

    public static ShopifyAdminSettings from(ShopifyProperties properties) {
        return new ShopifyAdminSettings(properties.getAdminApiVersion(), properties.getAdminApiConnectTimeout(),
                properties.getAdminApiReadTimeout(), properties.getAdminApiMaxThrottleWait(),
                properties.getAdminApiThrottleRetries());
    }

    /** The defaults of {@link ShopifyProperties}. */
    public static ShopifyAdminSettings defaults() {
        return from(new ShopifyProperties());
    }
}
