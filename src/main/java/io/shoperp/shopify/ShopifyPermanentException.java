package io.shoperp.shopify;

/** Shopify refused the call for a reason a retry cannot fix: credentials, scopes, a missing resource, a bad query. */
public final class ShopifyPermanentException extends ShopifyAdminException {

    private final boolean accessDenied;

    public ShopifyPermanentException(String message, int status) {
        this(message, status, false);
    }

    /** @param accessDenied GraphQL's top-level ACCESS_DENIED: the token lacks a scope the call needs */
    public ShopifyPermanentException(String message, int status, boolean accessDenied) {
        super(message, status, null);
        this.accessDenied = accessDenied;
    }

    /**
     * Whether Shopify refused the request as a whole (a revoked token, a missing scope, a frozen or locked shop: 401,
     * 402, 403, 423, ...) rather than one thing in it, which GraphQL reports with HTTP 200. Every further call to the
     * shop would be refused the same way until the merchant or operator acts.
     */
    public boolean refusesTheShop() {
        return accessDenied || status() / 100 == 4;
    }
}
