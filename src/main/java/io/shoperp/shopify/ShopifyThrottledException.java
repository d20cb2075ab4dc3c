package io.shoperp.shopify;

import java.time.Duration;

/**
 * Shopify refused the call for its rate limit (GraphQL THROTTLED or REST 429); nothing was executed, so the same call
 * may be repeated once {@link #retryAfter()} has passed.
 */
public final class ShopifyThrottledException extends ShopifyTransientException {

    private final Duration retryAfter;

    public ShopifyThrottledException(String message, int status, Duration retryAfter) {
        super(message, status, null);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before the call can succeed: Retry-After on a 429, computed from throttleStatus on THROTTLED. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
