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
import io.shoperp.topics.EntityKeyRule;
import io.shoperp.topics.TopicTable;

/**
 * Derives the entity key (order:&lt;id&gt;, customer:&lt;id&gt;, ...) that serialises the events of one business
 * entity, by the topic's rule in the topic table. It streams over the top level of the payload and reads only the few
 * fields it needs: the body is otherwise not parsed at ingest.
 */
public final class EntityKeys {

    /** The key and the resource's own timestamp. */
    public record EntityRef(String key, Instant resourceUpdatedAt) {
    }

    private static final String UPDATED_AT = "updated_at";
    private static final String CREATED_AT = "created_at";
    private static final int MAX_ID_LENGTH = 100;

    private static final JsonFactory JSON = new JsonFactory();

    private EntityKeys() {
    }

    /** The key of a delivery by the topic's rule ({@link TopicTable#keyRule}), and the resource's timestamp. */
    public static EntityRef derive(EntityKeyRule rule, String webhookId, byte[] payload) {
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
