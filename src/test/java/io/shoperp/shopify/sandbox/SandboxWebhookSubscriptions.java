package io.shoperp.shopify.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.GraphQlIds;

/**
 * The app's webhook subscriptions in the shop, with the checks Shopify makes on create and update: a topic takes an
 * address once, and an address is HTTPS (Pub/Sub and EventBridge addresses are stored, not checked). Answers are the
 * mutations' payloads: {@code webhookSubscription} and {@code userErrors}.
 */
final class SandboxWebhookSubscriptions {

    /** One subscription; {@code uri} as stored, like Shopify's {@code WebhookSubscription.uri}. */
    record Subscription(long id, String topic, String uri) {
    }

    private static final Pattern TOPIC_ENUM = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final ObjectMapper json;
    private final Map<Long, Subscription> subscriptions = new TreeMap<>();
    private final AtomicLong nextId = new AtomicLong(1_234_567_000_001L);

    SandboxWebhookSubscriptions(ObjectMapper json) {
        this.json = json;
    }

    /** Stores a subscription as if made earlier (by this app, another deployment, or the shop's admin). */
    synchronized Subscription seed(String topic, String uri) {
        Subscription subscription = new Subscription(nextId.getAndIncrement(), topic, uri);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    synchronized void clear() {
        subscriptions.clear();
    }

    synchronized List<Subscription> all() {
        return new ArrayList<>(subscriptions.values());
    }

    synchronized ObjectNode page(JsonNode variables) {
        return SandboxConnections.page(json, all(), Subscription::id, variables, this::node);
    }

    /** @throws IllegalArgumentException for a topic that is no enum value (Shopify: a GraphQL argument error) */
    synchronized ObjectNode create(JsonNode variables) {
        String topic = variables.path("topic").asText("");
        if (!TOPIC_ENUM.matcher(topic).matches()) {
            throw new IllegalArgumentException("Variable $topic of type WebhookSubscriptionTopic! was provided invalid"
                    + " value: " + topic);
        }
        String uri = variables.path("subscription").path("uri").asText("");
        Optional<String> refusal = refusal(topic, uri, null);
        if (refusal.isPresent()) {
            return payload(null, refusal.get());
        }
        return payload(seed(topic, uri), null);
    }

    synchronized ObjectNode update(JsonNode variables) {
        long id;
        try {
            id = GraphQlIds.numericId("WebhookSubscription", variables.path("id").asText());
        } catch (IllegalArgumentException badId) {
            return payload(null, "Webhook subscription does not exist", "id");
        }
        Subscription existing = subscriptions.get(id);
        if (existing == null) {
            return payload(null, "Webhook subscription does not exist", "id");
        }
        String uri = variables.path("subscription").path("uri").asText("");
        Optional<String> refusal = refusal(existing.topic(), uri, id);
        if (refusal.isPresent()) {
            return payload(null, refusal.get());
        }
        Subscription updated = new Subscription(id, existing.topic(), uri);
        subscriptions.put(id, updated);
        return payload(updated, null);
    }

    private Optional<String> refusal(String topic, String uri, Long self) {
        if (uri.isBlank()) {
            return Optional.of("Address can't be blank");
        }
        String scheme;
        try {
            scheme = String.valueOf(URI.create(uri).getScheme());
        } catch (IllegalArgumentException invalid) {
            return Optional.of("Address is invalid");
        }
        if (!scheme.equals("https") && !scheme.equals("pubsub") && !scheme.equals("arn")) {
            return Optional.of("Address protocol " + scheme + ":// is not supported");
        }
        boolean taken = subscriptions.values().stream()
                .anyMatch(s -> s.topic().equals(topic) && s.uri().equals(uri) && !Long.valueOf(s.id()).equals(self));
        return taken ? Optional.of("Address for this topic has already been taken") : Optional.empty();
    }

    private ObjectNode payload(Subscription subscription, String error) {
        return payload(subscription, error, "uri");
    }

    private ObjectNode payload(Subscription subscription, String error, String field) {
        ObjectNode payload = json.createObjectNode();
        if (subscription == null) {
            payload.putNull("webhookSubscription");
        } else {
            payload.set("webhookSubscription", node(subscription));
        }
        ArrayNode errors = payload.putArray("userErrors");
        if (error != null) {
            ObjectNode userError = errors.addObject().put("message", error);
            ArrayNode path = userError.putArray("field");
            if (!field.equals("id")) {
                path.add("webhookSubscription");
            }
            path.add(field);
        }
        return payload;
    }

    private ObjectNode node(Subscription subscription) {
        ObjectNode node = json.createObjectNode()
                .put("id", GraphQlIds.gid("WebhookSubscription", subscription.id()))
                .put("topic", subscription.topic())
                .put("uri", subscription.uri())
                .put("format", "JSON");
        // The endpoint union older clients read; an HTTPS address is a WebhookHttpEndpoint.
        if (subscription.uri().startsWith("https:")) {
            node.putObject("endpoint").put("__typename", "WebhookHttpEndpoint").put("callbackUrl", subscription.uri());
        }
        return node;
    }
}
