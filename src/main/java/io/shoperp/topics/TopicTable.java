package io.shoperp.topics;

import static io.shoperp.topics.DataKind.CUSTOMER_DETAILS;
import static io.shoperp.topics.DataKind.ORDERS;
import static io.shoperp.topics.DataKind.PRODUCT_DETAILS;
import static io.shoperp.topics.DataKind.STOCK;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of the Shopify topics the bridge knows: for each, how its events are keyed, which data it changes
 * and the stage it is routed to. Routing (processing.yaml's inbox-topic-router must agree with it, checked at start:
 * {@code io.shoperp.ops.RouteContract}), entity keys at ingest, the authority rules and the appliers' guards all read
 * it. Deployments extend or change it with {@code bridge.topics} ({@link TopicProperties}).
 * <p>
 * A topic not in the table takes the entity key of the first row of its family (orders/edited is keyed like
 * orders/create) and the data kind of the first row of its family that has one; a topic of an unknown family is keyed
 * {@code <family without s>:id}. Such a topic has no stage: it is recorded and IGNORED.
 */
public final class TopicTable {

    /** The built-in rows; the first row of a family is its default for topics not listed. */
    private static final List<TopicRoute> BUILT_IN = List.of(
            row("customers/create", "customer:id", CUSTOMER_DETAILS, "direct:customers-sync"),
            row("customers/update", "customer:id", CUSTOMER_DETAILS, "direct:customers-sync"),
            row("customers/data_request", "customer:customer.id", null, "direct:compliance-data-request"),
            row("customers/redact", "customer:customer.id", null, "direct:compliance-redact"),
            row("shop/redact", "shop:shop_id", null, "direct:compliance-redact"),
            row("orders/create", "order:id", ORDERS, "direct:orders-sync"),
            row("orders/updated", "order:id", ORDERS, "direct:orders-sync"),
            row("orders/paid", "order:id", ORDERS, "direct:orders-sync"),
            row("orders/cancelled", "order:id", ORDERS, "direct:orders-sync"),
            row("orders/fulfilled", "order:id", ORDERS, "direct:orders-sync"),
            row("orders/partially_fulfilled", "order:id", ORDERS, "direct:orders-sync"),
            // Fulfilments, refunds and payment transactions share their order's key, so they apply after it.
            row("fulfillments/create", "order:order_id", ORDERS, "direct:fulfillments-sync"),
            row("fulfillments/update", "order:order_id", ORDERS, "direct:fulfillments-sync"),
            row("refunds/create", "order:order_id", ORDERS, "direct:refunds-sync"),
            row("order_transactions/create", "order:order_id", ORDERS, "direct:payments-sync"),
            row("products/create", "product:id", PRODUCT_DETAILS, "direct:products-sync"),
            row("products/update", "product:id", PRODUCT_DETAILS, "direct:products-sync"),
            row("inventory_levels/update", "inventory:inventory_item_id:location_id", STOCK, "direct:inventory-sync"),
            row("app/uninstalled", "shop:id", null, "direct:app-uninstalled"));

    private final Map<String, TopicRoute> rows;

    private TopicTable(Map<String, TopicRoute> rows) {
        this.rows = rows;
    }

    /** The built-in table. */
    public static TopicTable builtIn() {
        return with(Map.of());
    }

    /** The built-in table with a deployment's rows added or replacing built-in ones. */
    public static TopicTable with(Map<String, TopicProperties.Row> configured) {
        Map<String, TopicRoute> rows = new LinkedHashMap<>();
        BUILT_IN.forEach(row -> rows.put(row.topic(), row));
        configured.forEach((topic, row) -> rows.put(topic, row.toRoute(topic, rows.get(topic))));
        return new TopicTable(rows);
    }

    public Collection<TopicRoute> rows() {
        return rows.values();
    }

    public Optional<TopicRoute> find(String topic) {
        return Optional.ofNullable(rows.get(topic));
    }

    public Optional<String> stageOf(String topic) {
        return find(topic).flatMap(TopicRoute::stage);
    }

    public EntityKeyRule keyRule(String topic) {
        return find(topic).or(() -> firstOfFamily(topic, false)).map(TopicRoute::entityKey)
                .orElseGet(() -> genericRule(topic));
    }

    /** Empty for topics no authority rule covers (compliance, app/*, unknown families). */
    public Optional<DataKind> dataKind(String topic) {
        Optional<TopicRoute> row = find(topic);
        return row.isPresent() ? row.get().dataKind() : firstOfFamily(topic, true).flatMap(TopicRoute::dataKind);
    }

    /** The topics routed to {@code stage}, for an applier's guard. */
    public List<String> topicsRoutedTo(String stage) {
        List<String> topics = new ArrayList<>();
        rows.values().forEach(row -> {
            if (row.stage().filter(stage::equals).isPresent()) {
                topics.add(row.topic());
            }
        });
        return topics;
    }

    private Optional<TopicRoute> firstOfFamily(String topic, boolean withDataKind) {
        String family = TopicRoute.familyOf(topic);
        return rows.values().stream()
                .filter(row -> row.family().equals(family) && (!withDataKind || row.dataKind().isPresent()))
                .findFirst();
    }

    private static EntityKeyRule genericRule(String topic) {
        String family = TopicRoute.familyOf(topic);
        return new EntityKeyRule(family.endsWith("s") ? family.substring(0, family.length() - 1) : family,
                List.of("id"));
    }

    private static TopicRoute row(String topic, String entityKey, DataKind kind, String stage) {
        return new TopicRoute(topic, EntityKeyRule.parse(entityKey), Optional.ofNullable(kind), Optional.of(stage));
    }
}
