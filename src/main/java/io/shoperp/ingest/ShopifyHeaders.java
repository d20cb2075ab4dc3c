package io.shoperp.ingest;

/** Header names of a Shopify webhook delivery (HTTP header names are case-insensitive, so are Camel's). */
public final class ShopifyHeaders {

    public static final String TOPIC = "X-Shopify-Topic";
    public static final String HMAC = "X-Shopify-Hmac-Sha256";
    public static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";
    public static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String EVENT_ID = "X-Shopify-Event-Id";
    public static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    public static final String API_VERSION = "X-Shopify-API-Version";

    private ShopifyHeaders() {
    }
}
