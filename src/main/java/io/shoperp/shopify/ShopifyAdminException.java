package io.shoperp.shopify;

/** A failed Shopify Admin API call: worth retrying ({@link ShopifyTransientException}) or not ({@link ShopifyPermanentException}). */
public abstract sealed class ShopifyAdminException extends RuntimeException
        permits ShopifyTransientException, ShopifyPermanentException {

    /** HTTP status of the answer, 0 when no answer arrived (timeout, connection failure). */
    private final int status;

    protected ShopifyAdminException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
