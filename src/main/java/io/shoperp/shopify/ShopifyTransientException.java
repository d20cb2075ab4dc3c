package io.shoperp.shopify;

/** Shopify is unreachable, slow, failing internally or throttling: the same call may succeed later. */
public sealed class ShopifyTransientException extends ShopifyAdminException permits ShopifyThrottledException {

    public ShopifyTransientException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
