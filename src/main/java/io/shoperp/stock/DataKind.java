package io.shoperp.stock;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of data an authority rule decides, each with the webhook topic families that change it. */
public enum DataKind {
    STOCK("stock", "inventory_levels/"),
    PRICE("price"),
    CUSTOMER_DETAILS("customer-details", "customers/"),
    PRODUCT_DETAILS("product-details", "products/"),
    ORDERS("orders", "orders/", "fulfillments/", "refunds/");

    /** Requests about personal data must be answered whoever owns customer details. */
    private static final List<String> COMPLIANCE_TOPICS = List.of("customers/data_request", "customers/redact");

    private final String tag;
    private final List<String> topicFamilies;

    DataKind(String tag, String... topicFamilies) {
        this.tag = tag;
        this.topicFamilies = List.of(topicFamilies);
    }

    /** The property name under {@code authority.} and the {@code kind} tag of {@code authority.rejected}. */
    public String tag() {
        return tag;
    }

    /** The kind a topic changes; empty for topics no authority rule covers (compliance, app/*, ...). */
    public static Optional<DataKind> ofTopic(String topic) {
        if (topic == null || COMPLIANCE_TOPICS.contains(topic)) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(kind -> kind.topicFamilies.stream().anyMatch(topic::startsWith))
                .findFirst();
    }
}
