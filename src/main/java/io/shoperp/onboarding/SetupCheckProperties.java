package io.shoperp.onboarding;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code setup-check.*}: when the setup check runs by itself, how far the ERPNext server's clock may be off, and the
 * webhook topics every shop must be subscribed to.
 */
@ConfigurationProperties("setup-check")
public record SetupCheckProperties(
        @DefaultValue("true") boolean atStart,
        @DefaultValue("60s") Duration clockTolerance,
        @DefaultValue({"orders/create", "orders/updated", "orders/paid", "orders/cancelled", "order_transactions/create",
                "fulfillments/create", "fulfillments/update", "refunds/create", "customers/create", "customers/update",
                "products/create", "products/update", "inventory_levels/update", "app/uninstalled"})
        List<String> webhookTopics) {
}
