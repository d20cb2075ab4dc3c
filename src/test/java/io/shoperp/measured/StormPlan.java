package io.shoperp.measured;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/**
 * Shopify-style traffic over a few hundred customers and orders: each entity goes through several versions
 * (customers/create then customers/update; orders/create, orders/updated, orders/paid, orders/updated ...), in
 * Shopify's order, and each version changes what the bridge maps, so a version applied late or not at all shows in
 * ERPNext: a customer's first name and email change with every version; an order's last line is doubled by the edit
 * of version 1 (lines and totals change before the order is invoiced) and the order is paid from version 2. Then a share of duplicates is added (half Shopify's retry of the same delivery = same webhook
 * id, half the same fact sent again under a new webhook id) and a share of deliveries is moved elsewhere in the
 * sequence (reordered). Deterministic for a seed.
 */
public final class StormPlan {

    static final ObjectMapper JSON = ErpNextClient.objectMapper();
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final long CUSTOMER_BASE = 7_100_000_000_000L;
    static final long ORDER_BASE = 5_100_000_000_000L;
    /** A customer's first name in version v is FIRST_NAMES[v % 5]: each update renames the Customer and its Contact. */
    private static final List<String> FIRST_NAMES = List.of("Ada", "Bea", "Cyd", "Dee", "Eve");

    /** One delivery: what goes over the wire. {@code fact} identifies the Shopify fact it carries. */
    public record Delivery(String topic, String webhookId, byte[] body, String entityKey, int fact, boolean duplicate) {
    }

    private final List<Delivery> deliveries;
    private final int customers;
    private final int orders;
    private final int distinctFacts;

    private StormPlan(List<Delivery> deliveries, int customers, int orders, int distinctFacts) {
        this.deliveries = deliveries;
        this.customers = customers;
        this.orders = orders;
        this.distinctFacts = distinctFacts;
    }

    /**
     * @param total deliveries in all
     * @param entities customers and orders, half each
     * @param duplicateShare share of {@code total} that are duplicates (0.30)
     * @param reorderShare share of deliveries moved to a random place (0.10)
     */
    public static StormPlan generate(long seed, int total, int entities, double duplicateShare, double reorderShare) {
        Random random = new Random(seed);
        int customers = entities / 2;
        int orders = entities - customers;
        int distinct = (int) Math.round(total * (1 - duplicateShare));
        ObjectNode customerFixture = (ObjectNode) read("/shopify/customers-create.json");
        ObjectNode orderFixture = (ObjectNode) read("/shopify/orders/taxes-excluded-discount-code.json");
        List<Delivery> facts = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            int entity = i % entities;
            int version = i / entities;
            Instant at = T0.plusSeconds(60L * version);
            String webhookId = UUID.nameUUIDFromBytes((seed + ":" + i).getBytes(StandardCharsets.UTF_8)).toString();
            if (entity < customers) {
                long customerId = CUSTOMER_BASE + entity;
                String topic = version == 0 ? "customers/create" : "customers/update";
                facts.add(new Delivery(topic, webhookId, bytes(customer(customerFixture, customerId, at, version)),
                        "customer:" + customerId, i, false));
            } else {
                int o = entity - customers;
                long orderId = ORDER_BASE + o;
                long customerId = CUSTOMER_BASE + (o % Math.max(1, customers));
                String topic = version == 0 ? "orders/create" : version == 2 ? "orders/paid" : "orders/updated";
                String financial = version >= 2 ? "paid" : "pending";
                facts.add(new Delivery(topic, webhookId, bytes(order(orderFixture, orderId, customerId, at, financial,
                        version)), "order:" + orderId, i, false));
            }
        }
        List<Delivery> all = new ArrayList<>(facts);
        int duplicates = total - distinct;
        for (int d = 0; d < duplicates; d++) {
            Delivery original = facts.get(random.nextInt(facts.size()));
            String webhookId = random.nextBoolean() ? original.webhookId()
                    : UUID.nameUUIDFromBytes((seed + ":dup:" + d).getBytes(StandardCharsets.UTF_8)).toString();
            Delivery copy = new Delivery(original.topic(), webhookId, original.body(), original.entityKey(),
                    original.fact(), true);
            // A retry or re-send comes after the original, a little or a lot later.
            int originalAt = all.indexOf(original);
            int at = Math.min(all.size(), originalAt + 1 + random.nextInt(Math.max(1, total / 10)));
            all.add(at, copy);
        }
        int moves = (int) Math.round(all.size() * reorderShare);
        for (int m = 0; m < moves; m++) {
            Collections.swap(all, random.nextInt(all.size()), random.nextInt(all.size()));
        }
        return new StormPlan(List.copyOf(all), customers, orders, distinct);
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public int customers() {
        return customers;
    }

    public int orders() {
        return orders;
    }

    public int distinctFacts() {
        return distinctFacts;
    }

    static ObjectNode customer(ObjectNode fixture, long customerId, Instant at, int version) {
        ObjectNode customer = fixture.deepCopy();
        long addressId = customerId + 500_000_000L;
        customer.put("id", customerId).put("email", email(customerId, version))
                .put("first_name", firstName(version)).put("last_name", String.valueOf(customerId))
                .put("admin_graphql_api_id", "gid://shopify/Customer/" + customerId)
                .put("note", "version " + version).put("updated_at", at.toString());
        for (JsonNode address : customer.withArray("addresses")) {
            ((ObjectNode) address).put("id", addressId).put("customer_id", customerId);
        }
        ((ObjectNode) customer.get("default_address")).put("id", addressId).put("customer_id", customerId);
        return customer;
    }

    /**
     * Version {@code version} of an order: from version 1 on, its last line doubled. It names the customer as they
     * were when the order was placed (version 0).
     */
    static ObjectNode order(ObjectNode fixture, long orderId, long customerId, Instant at, String financial,
                            int version) {
        ObjectNode order = fixture.deepCopy();
        order.put("id", orderId).put("admin_graphql_api_id", "gid://shopify/Order/" + orderId)
                .put("name", "#" + orderId).put("order_number", orderId)
                .put("email", email(customerId, 0))
                .put("updated_at", at.toString()).put("financial_status", financial).put("note", "version " + version);
        ObjectNode customer = (ObjectNode) order.get("customer");
        if (customer != null) {
            customer.put("id", customerId).put("email", email(customerId, 0))
                    .put("first_name", firstName(0)).put("last_name", String.valueOf(customerId));
            if (customer.get("default_address") instanceof ObjectNode address) {
                address.put("id", customerId + 500_000_000L).put("customer_id", customerId);
            }
        }
        if (version >= 1) {
            doubleLastLine(order);
        }
        return order;
    }

    private static String firstName(int version) {
        return FIRST_NAMES.get(version % FIRST_NAMES.size());
    }

    private static String email(long customerId, int version) {
        return "c" + customerId + ".v" + version + "@example.com";
    }

    /**
     * An order edit before invoicing: the last line's quantity doubled, with its discount and taxes, and the order's
     * totals grown by as much, so that Shopify's total_price still adds up (the bridge refuses an order that does not).
     */
    private static void doubleLastLine(ObjectNode order) {
        ArrayNode lines = order.withArray("line_items");
        ObjectNode line = (ObjectNode) lines.get(lines.size() - 1);
        BigDecimal gross = new BigDecimal(line.path("price").asText()).multiply(BigDecimal.valueOf(line.path("quantity").asInt()));
        BigDecimal discount = doubleAmounts(line.withArray("discount_allocations"), "amount");
        BigDecimal tax = doubleAmounts(line.withArray("tax_lines"), "price");
        line.put("quantity", line.path("quantity").asInt() * 2);
        addTo(order, "total_line_items_price", gross);
        addTo(order, "total_discounts", discount);
        addTo(order, "subtotal_price", gross.subtract(discount));
        addTo(order, "total_tax", tax);
        addTo(order, "total_price", gross.subtract(discount).add(tax));
        order.remove("total_price_set");
    }

    /** Doubles {@code field} of every row; returns what the rows held before. */
    private static BigDecimal doubleAmounts(ArrayNode rows, String field) {
        BigDecimal before = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            BigDecimal amount = new BigDecimal(row.path(field).asText());
            before = before.add(amount);
            ((ObjectNode) row).put(field, amount.add(amount).toPlainString()).remove(field + "_set");
        }
        return before;
    }

    private static void addTo(ObjectNode order, String field, BigDecimal amount) {
        order.put(field, new BigDecimal(order.path(field).asText("0")).add(amount).toPlainString());
    }

    /** An order whose first line has a SKU ERPNext does not know (poison with create-missing-items=false). */
    static ObjectNode orderWithUnknownSku(long orderId) {
        ObjectNode order = order((ObjectNode) read("/shopify/orders/taxes-excluded-discount-code.json"), orderId,
                CUSTOMER_BASE, T0, "pending", 0);
        ((ObjectNode) order.withArray("line_items").get(0)).put("sku", "NO-SUCH-SKU-" + orderId);
        return order;
    }

    /** An order whose lines all have SKUs the seeded sandbox knows. */
    static ObjectNode orderWithKnownSkus(long orderId, long customerId) {
        ObjectNode order = order((ObjectNode) read("/shopify/orders/taxes-excluded-discount-code.json"), orderId,
                customerId, T0, "pending", 0);
        ArrayNode lines = order.withArray("line_items");
        for (JsonNode line : lines) {
            if (line.path("sku").asText().isEmpty()) {
                ((ObjectNode) line).put("sku", "TSHIRT-BLUE-L");
            }
        }
        return order;
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(String resource) {
        try (InputStream in = StormPlan.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
