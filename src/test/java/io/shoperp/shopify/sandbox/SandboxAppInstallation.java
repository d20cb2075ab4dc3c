package io.shoperp.shopify.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The app's installation in the sandbox shop as GraphQL shows it: {@code currentAppInstallation { accessScopes
 * { handle } }} (the scopes the merchant granted) and {@code webhookSubscriptions(first:) { nodes { topic } }} (the
 * app's subscriptions, topics as the WebhookSubscriptionTopic enum spells them, e.g. ORDERS_CREATE). By default the
 * token holds every scope the bridge uses and the app has no subscription yet; tests set both.
 */
public final class SandboxAppInstallation {

    public static final List<String> ALL_BRIDGE_SCOPES = List.of("read_orders", "read_inventory", "write_inventory",
            "read_products", "write_products");

    private final ObjectMapper json;
    private final List<String> scopes = new CopyOnWriteArrayList<>(ALL_BRIDGE_SCOPES);
    private final List<String> webhookTopics = new CopyOnWriteArrayList<>();

    SandboxAppInstallation(ObjectMapper json) {
        this.json = json;
    }

    public SandboxAppInstallation scopes(List<String> granted) {
        scopes.clear();
        scopes.addAll(granted);
        return this;
    }

    public SandboxAppInstallation webhookTopics(List<String> subscribed) {
        webhookTopics.clear();
        webhookTopics.addAll(subscribed);
        return this;
    }

    /** The {@code data} of a query on either root field, empty for any other query. */
    Optional<ObjectNode> answer(String query) {
        ObjectNode data = json.createObjectNode();
        if (query.contains("currentAppInstallation")) {
            ArrayNode handles = data.putObject("currentAppInstallation").putArray("accessScopes");
            scopes.forEach(scope -> handles.addObject().put("handle", scope));
        }
        if (query.contains("webhookSubscriptions(")) {
            ArrayNode nodes = data.putObject("webhookSubscriptions").putArray("nodes");
            webhookTopics.forEach(topic -> nodes.addObject().put("topic", topic));
        }
        return data.isEmpty() ? Optional.empty() : Optional.of(data);
    }
}
