package io.shoperp.shopify;

/** Shopify refused the call for a reason a retry cannot fix: credentials, scopes, a missing resource, a bad query. */
public final class ShopifyPermanentException extends ShopifyAdminException {

    public ShopifyPermanentException(String message, int status) {
        super(message, status, null);
    }
}
