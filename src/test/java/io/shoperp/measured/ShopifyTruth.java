package io.shoperp.measured;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Shopify says once a run's deliveries are all sent, read from the deliveries themselves rather than from the
 * application: the last version (latest updated_at) of every customer and order, and every name and email Shopify
 * gave them, by which an outsider recognises their documents in ERPNext whatever key fields those hold.
 */
final class ShopifyTruth {

    /**
     * A customer as its last version says. {@code fromCustomerEvent} is false for a customer only ever seen inside
     * orders: the bridge creates their Customer from the order and leaves its details to customers/* events.
     */
    record Customer(String id, String firstName, String lastName, String email, boolean fromCustomerEvent) {

        String fullName() {
            return firstName + " " + lastName;
        }
    }

    /** An order as its last version says: total, whether paid, and the quantity of each line that still sells. */
    record Order(String id, String name, String customerId, BigDecimal totalPrice, boolean paid,
                 Map<String, Integer> quantityByLine) {
    }

    private record Versioned<T>(OffsetDateTime updatedAt, T value) {
    }

    private final Map<String, Versioned<Customer>> customers = new HashMap<>();
    private final Map<String, Versioned<Order>> orders = new HashMap<>();
    private final Map<String, String> customerIdByName = new HashMap<>();
    private final Map<String, String> customerIdByEmail = new HashMap<>();
    private final Map<String, String> orderIdByName = new HashMap<>();

    /** The truth of {@code deliveries}, leaving out those whose webhook id is in {@code unusable} (poison). */
    static ShopifyTruth of(List<StormPlan.Delivery> deliveries, Set<String> unusable) {
        ShopifyTruth truth = new ShopifyTruth();
        for (StormPlan.Delivery delivery : deliveries) {
            if (!unusable.contains(delivery.webhookId())) {
                truth.add(delivery.topic(), read(delivery));
            }
        }
        return truth;
    }

    private static JsonNode read(StormPlan.Delivery delivery) {
        try {
            return StormPlan.JSON.readTree(delivery.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("delivery " + delivery.webhookId() + " is not JSON: mark it unusable", e);
        }
    }

    private void add(String topic, JsonNode payload) {
        OffsetDateTime updatedAt = OffsetDateTime.parse(payload.path("updated_at").asText());
        if (topic.startsWith("customers/")) {
            addCustomer(payload, updatedAt, true);
        } else if (topic.startsWith("orders/")) {
            addOrder(payload, updatedAt);
            if (payload.path("customer").hasNonNull("id")) {
                addCustomer(payload.path("customer"), updatedAt, false);
            }
        } else {
            throw new IllegalArgumentException("no truth modelled for " + topic);
        }
    }

    private void addCustomer(JsonNode payload, OffsetDateTime updatedAt, boolean fromCustomerEvent) {
        Customer customer = new Customer(payload.path("id").asText(), payload.path("first_name").asText(),
                payload.path("last_name").asText(), payload.path("email").asText(), fromCustomerEvent);
        customerIdByName.put(customer.fullName(), customer.id());
        customerIdByEmail.put(customer.email(), customer.id());
        Versioned<Customer> known = customers.get(customer.id());
        // A customers/* event says more than an order's copy of the customer, whatever their dates.
        boolean better = known == null || fromCustomerEvent && !known.value().fromCustomerEvent()
                || fromCustomerEvent == known.value().fromCustomerEvent() && updatedAt.isAfter(known.updatedAt());
        if (better) {
            customers.put(customer.id(), new Versioned<>(updatedAt, customer));
        }
    }

    private void addOrder(JsonNode payload, OffsetDateTime updatedAt) {
        Map<String, Integer> quantityByLine = new HashMap<>();
        payload.path("line_items").forEach(line -> {
            if (line.path("quantity").asInt() > 0) {
                quantityByLine.put(line.path("id").asText(), line.path("quantity").asInt());
            }
        });
        Order order = new Order(payload.path("id").asText(), payload.path("name").asText(),
                payload.path("customer").path("id").asText(""), new BigDecimal(payload.path("total_price").asText()),
                "paid".equals(payload.path("financial_status").asText()), Map.copyOf(quantityByLine));
        orderIdByName.put(order.name(), order.id());
        Versioned<Order> known = orders.get(order.id());
        if (known == null || updatedAt.isAfter(known.updatedAt())) {
            orders.put(order.id(), new Versioned<>(updatedAt, order));
        }
    }

    List<Customer> customers() {
        return customers.values().stream().map(Versioned::value).toList();
    }

    List<Order> orders() {
        return orders.values().stream().map(Versioned::value).toList();
    }

    /** The Shopify customer whose name, in any version, is {@code fullName}. */
    Optional<String> customerNamed(String fullName) {
        return Optional.ofNullable(customerIdByName.get(fullName));
    }

    /** The Shopify customer whose email, in any version, is {@code email}. */
    Optional<String> customerWithEmail(String email) {
        return Optional.ofNullable(customerIdByEmail.get(email));
    }

    /** The Shopify order named {@code name} ("#1001"). */
    Optional<String> orderNamed(String name) {
        return Optional.ofNullable(orderIdByName.get(name));
    }
}
