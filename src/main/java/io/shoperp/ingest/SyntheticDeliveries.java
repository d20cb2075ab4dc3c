package io.shoperp.ingest;

import java.time.Clock;
import java.time.Instant;

import io.shoperp.topics.TopicTable;
import org.springframework.stereotype.Component;

/**
 * Deliveries the bridge makes itself from what it read through Shopify's Admin API (the reconciliation, the order
 * backfill, the catalog import), shaped like a webhook's so they take the same idempotent path into the inbox: the
 * entity key by the topic's rule, the resource's version from the payload, the Admin API's version.
 */
@Component
public class SyntheticDeliveries {

    private final TopicTable topics;
    private final String apiVersion;
    private final Clock clock;

    public SyntheticDeliveries(TopicTable topics, ShopifyProperties shopify, Clock clock) {
        this.topics = topics;
        this.apiVersion = shopify.getAdminApiVersion();
        this.clock = clock;
    }

    /**
     * @param webhookId names the resource and its version, so the same version stored twice is stored once
     * @param version   the resource's updated_at as Shopify listed it, the delivery's triggered-at
     */
    public WebhookDelivery of(String shop, String topic, String webhookId, Instant version, byte[] payload) {
        EntityKeys.EntityRef entity = EntityKeys.derive(topics.keyRule(topic), webhookId, payload);
        return new WebhookDelivery(shop, topic, webhookId, null, version, apiVersion, entity.key(),
                entity.resourceUpdatedAt(), payload, Instant.now(clock));
    }
}
