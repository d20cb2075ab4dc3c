package io.shoperp.compliance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.UnprocessableEventException;

/**
 * Which stored events of the shop a compliance request is about: all of them (shop/redact), or those of one customer
 * and of the orders the request lists (customers/redact, customers/data_request), by the inbox's entity keys.
 */
record ComplianceScope(String subject, List<String> entityKeys) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ComplianceScope wholeShop() {
        return new ComplianceScope("the shop", List.of());
    }

    /**
     * The compliance request an event carries, as JSON.
     *
     * @throws UnprocessableEventException when the payload is not JSON (permanent)
     */
    static JsonNode request(InboxEvent event) {
        try {
            JsonNode request = JSON.readTree(event.payload());
            return request == null ? JSON.missingNode() : request;
        } catch (IOException e) {
            throw new UnprocessableEventException(event.topic() + " payload is not JSON", e);
        }
    }

    /**
     * @param request     the event's {@link #request}
     * @param ordersField the request's list of order ids: orders_to_redact, orders_requested
     * @throws UnprocessableEventException when the request is not such a request as Shopify sends it (permanent)
     */
    static ComplianceScope customer(InboxEvent event, JsonNode request, String ordersField) {
        JsonNode customerId = request.path("customer").path("id");
        if (!customerId.canConvertToLong()) {
            throw new UnprocessableEventException(event.topic() + " without customer.id");
        }
        List<String> keys = new ArrayList<>();
        keys.add("customer:" + customerId.asLong());
        for (JsonNode order : request.path(ordersField)) {
            if (!order.canConvertToLong()) {
                throw new UnprocessableEventException(event.topic() + " with a non-numeric order id in " + ordersField);
            }
            keys.add("order:" + order.asLong());
        }
        return new ComplianceScope("customer " + customerId.asLong() + " and " + (keys.size() - 1) + " order(s)", keys);
    }

    /** SQL to AND to a query on inbox_event: its placeholders follow the shop's and the request's own id. */
    String condition() {
        return entityKeys.isEmpty() ? ""
                : " AND entity_key IN (" + String.join(", ", Collections.nCopies(entityKeys.size(), "?")) + ")";
    }

    /** The shop, the request's own id, then the entity keys: the order of the placeholders. */
    Object[] arguments(InboxEvent event) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(event.shopDomain());
        arguments.add(event.id());
        arguments.addAll(entityKeys);
        return arguments.toArray();
    }
}
