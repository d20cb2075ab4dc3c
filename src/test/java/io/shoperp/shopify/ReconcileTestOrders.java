package io.shoperp.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders for reconciliation tests: the taxes-excluded-discount-code fixture with a fresh id, each version updated one
 * minute after the previous one (so every new version is newer than any watermark so far, and within the initial
 * look-back), plus the inbox and watermark read back over JDBC.
 */
final class ReconcileTestOrders {

    /** One version of an order as Shopify holds it. */
    record Version(long id, Instant updatedAt, byte[] json) {
        String syntheticWebhookId() {
            return "reconcile:" + id + ":" + updatedAt.toEpochMilli();
        }

        String jsonText() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT_ORDER = new AtomicLong(9_007_199_254_760_000L);

    private final AtomicReference<Instant> lastUpdate =
            new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(6)));

    /** A new order, stored in the Shopify sandbox only. */
    Version newOrderIn(ShopifySandbox shopify) {
        return newVersionIn(shopify, NEXT_ORDER.incrementAndGet());
    }

    /** A newer version of the order, replacing the one in the Shopify sandbox. */
    Version newVersionIn(ShopifySandbox shopify, long orderId) {
        Instant updatedAt = lastUpdate.updateAndGet(previous -> previous.plus(Duration.ofMinutes(1)));
        ObjectNode order = fixture().put("id", orderId).put("admin_graphql_api_id", GraphQlIds.gid("Order", orderId))
                .put("updated_at", updatedAt.toString());
        Version version = new Version(orderId, updatedAt, order.toString().getBytes(StandardCharsets.UTF_8));
        shopify.putOrder(orderId, updatedAt, version.json());
        return version;
    }

    /** The inbox statuses of the synthetic events of these versions (absent ones left out). */
    static List<String> syntheticStatuses(JdbcTemplate jdbc, Version... versions) {
        return List.of(versions).stream().map(version -> status(jdbc, version.syntheticWebhookId()))
                .flatMap(Optional::stream).toList();
    }

    static Optional<String> status(JdbcTemplate jdbc, String webhookId) {
        return jdbc.queryForList("SELECT status FROM inbox_event WHERE webhook_id = ?", String.class, webhookId)
                .stream().findFirst();
    }

    static Optional<Instant> watermark(JdbcTemplate jdbc, String shop) {
        return jdbc.queryForList("SELECT watermark FROM reconcile_watermark WHERE shop_domain = ?",
                LocalDateTime.class, shop).stream().findFirst()
                .map(value -> value.toInstant(ZoneOffset.UTC));
    }

    private static ObjectNode fixture() {
        try (InputStream in = ReconcileTestOrders.class
                .getResourceAsStream("/shopify/orders/taxes-excluded-discount-code.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
