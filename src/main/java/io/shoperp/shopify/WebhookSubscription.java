package io.shoperp.shopify;

import java.util.Locale;
import java.util.Objects;

/**
 * One of the app's webhook subscriptions in a shop.
 *
 * @param topic Shopify's topic enum value, e.g. ORDERS_CREATE (see {@link #topicEnum})
 * @param uri   where Shopify delivers: an HTTPS URL, or a Pub/Sub or EventBridge address
 */
public record WebhookSubscription(long id, String topic, String uri) {

    public WebhookSubscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(uri, "uri");
    }

    /** The GraphQL enum value of a webhook topic: orders/create -> ORDERS_CREATE. */
    public static String topicEnum(String topic) {
        return topic.toUpperCase(Locale.ROOT).replace('/', '_');
    }
}
