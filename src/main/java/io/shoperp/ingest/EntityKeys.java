package io.shoperp.ingest;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Derives the entity key (order:&lt;id&gt;, customer:&lt;id&gt;, ...) that serialises the events of one business
 * entity. It streams over the top level of the payload and reads only the few fields it needs: the body is
 * otherwise not parsed at ingest. Fulfilments and refunds share their order's key, so they apply after it.
 */
public final class EntityKeys {

    /** The key and the resource's own timestamp. */
    public record EntityRef(String key, Instant resourceUpdatedAt) {
    }

    private record Rule(String topicPrefix, String entity, List<String> idFields) {
        boolean matches(String topic) {
            return topicPrefix.endsWith("/") ? topic.startsWith(topicPrefix) : topic.equals(topicPrefix);
        }
    }

    /** First match wins: exact compliance topics before their topic family. */
    private static final List<Rule> RULES = List.of(
            new Rule("customers/data_request", "customer", List.of("customer.id")),
            new Rule("customers/redact", "customer", List.of("customer.id")),
            new Rule("shop/redact", "shop", List.of("shop_id")),
            new Rule("orders/", "order", List.of("id")),
            new Rule("fulfillments/", "order", List.of("order_id")),
            new Rule("refunds/", "order", List.of("order_id")),
            new Rule("customers/", "customer", List.of("id")),
            new Rule("products/", "product", List.of("id")),
            new Rule("inventory_levels/", "inventory", List.of("inventory_item_id", "location_id")),
            new Rule("inventory_items/", "inventory_item", List.of("id")),
            new Rule("app/", "shop", List.of("id")));

    private static final String UPDATED_AT = "updated_at";
    private static final String CREATED_AT = "created_at";
    private static final int MAX_ID_LENGTH = 100;

    private static final JsonFactory JSON = new JsonFactory();

    private EntityKeys() {
    }

    public static EntityRef derive(String topic, String webhookId, byte[] payload) {
        Rule rule = RULES.stream().filter(r -> r.matches(topic)).findFirst()
                .orElseGet(() -> new Rule(topic, genericEntity(topic), List.of("id")));
        Map<String, String> fields;
        try {
            fields = scan(payload, rule.idFields());
        } catch (IOException | RuntimeException e) {
            // Stored anyway: a signed but malformed payload must reach a visible DEAD state, not vanish.
            return new EntityRef("unparsed:" + webhookId, null);
        }
        StringBuilder key = new StringBuilder(rule.entity());
        for (String idField : rule.idFields()) {
            String id = fields.get(idField);
            if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
                return new EntityRef("delivery:" + webhookId, timestamp(fields));
            }
            key.append(':').append(id);
        }
        return new EntityRef(key.toString(), timestamp(fields));
    }

    private static String genericEntity(String topic) {
        int slash = topic.indexOf('/');
        String family = slash < 0 ? topic : topic.substring(0, slash);
        return family.endsWith("s") ? family.substring(0, family.length() - 1) : family;
    }

    private static Instant timestamp(Map<String, String> fields) {
        String value = fields.getOrDefault(UPDATED_AT, fields.get(CREATED_AT));
        return value == null ? null : instantOrNull(value);
    }

    /** An ISO date-time with offset, or null when it is not one: a timestamp never fails a signed delivery. */
    static Instant instantOrNull(String isoDateTime) {
        try {
            return OffsetDateTime.parse(isoDateTime).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads the wanted top-level scalars, and "parent.child" scalars one level down. */
    private static Map<String, String> scan(byte[] payload, List<String> idFields) throws IOException {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("payload is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && wantsChildOf(name, idFields)) {
                    readChildren(parser, name, idFields, found);
                } else if (value.isScalarValue()) {
                    if (idFields.contains(name) || UPDATED_AT.equals(name) || CREATED_AT.equals(name)) {
                        found.put(name, parser.getText());
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("payload is not a complete JSON object");
            }
        }
        return found;
    }

    private static boolean wantsChildOf(String parent, List<String> idFields) {
        return idFields.stream().anyMatch(field -> field.startsWith(parent + "."));
    }

    private static void readChildren(JsonParser parser, String parent, List<String> idFields,
                                     Map<String, String> found) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = parent + "." + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isScalarValue()) {
                if (idFields.contains(path)) {
                    found.put(path, parser.getText());
                }
            } else {
                parser.skipChildren();
            }
        }
    }
}
