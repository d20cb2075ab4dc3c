package io.shoperp.shopify.reconcile;

import java.util.Optional;

import io.shoperp.inbox.HeldVersions;
import io.shoperp.ingest.SyntheticDeliveries;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.ShopifyAdminClient.OrderUpdate;
import org.springframework.stereotype.Component;

/**
 * Turns an order Shopify lists as updated into a synthetic orders/updated delivery for {@code direct:inbox-store},
 * unless the bridge holds that version already. Shared by the reconciliation and the order backfill: the webhook id
 * names the order and its version, so whichever stores a version first, the other (and any second run) stores
 * nothing.
 */
@Component
public class OrderFeed {

    static final String TOPIC = "orders/updated";
    private static final String TOPIC_FAMILY = "orders/";

    /** What became of one listed order. */
    public enum Outcome {
        /** To be stored in the inbox. */
        FED,
        /** The inbox holds this version or a newer one. */
        HELD,
        /** Listed, but the REST order is not there (deleted, or older than the app may read). */
        GONE
    }

    /** The outcome and, for {@link Outcome#FED}, the delivery to store. */
    public record Decision(Outcome outcome, Optional<WebhookDelivery> delivery) {
    }

    private final HeldVersions held;
    private final SyntheticDeliveries deliveries;

    public OrderFeed(HeldVersions held, SyntheticDeliveries deliveries) {
        this.held = held;
        this.deliveries = deliveries;
    }

    /** Reads the order from Shopify only when the bridge does not hold this version of it. */
    public Decision decide(String shop, ShopifyAdminClient client, OrderUpdate order) {
        if (held.holds(shop, "order:" + order.id(), TOPIC_FAMILY, order.updatedAt())) {
            return new Decision(Outcome.HELD, Optional.empty());
        }
        Optional<byte[]> payload = client.orderJson(order.id());
        if (payload.isEmpty()) {
            return new Decision(Outcome.GONE, Optional.empty());
        }
        return new Decision(Outcome.FED, Optional.of(deliveries.of(shop, TOPIC, webhookId(order), order.updatedAt(),
                payload.get())));
    }

    static String webhookId(OrderUpdate order) {
        return "reconcile:" + order.id() + ":" + order.updatedAt().toEpochMilli();
    }
}
