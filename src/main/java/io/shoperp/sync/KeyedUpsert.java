package io.shoperp.sync;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.ErpNextClient;

/**
 * Upsert of an ERPNext document by its unique business key that writes only what differs, so that applying the
 * same facts again makes no write at all. The desired document lists only the fields the integration owns; fields
 * ERPNext or its users added are neither compared nor touched.
 */
public class KeyedUpsert {

    public enum Change {
        CREATED, UPDATED, UNCHANGED;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** The document as ERPNext holds it after the upsert. */
    public record Upserted(ObjectNode document, Change change) {

        public String name() {
            return document.path("name").asText();
        }
    }

    private final ErpNextClient client;

    public KeyedUpsert(ErpNextClient client) {
        this.client = client;
    }

    public Upserted upsert(String doctype, String keyField, ObjectNode desired) {
        String key = desired.path(keyField).asText();
        Optional<ObjectNode> existing = client.findByKey(doctype, keyField, key);
        if (existing.isPresent()) {
            return updateDifferences(doctype, existing.get(), desired);
        }
        CreateResult created = client.create(doctype, desired, keyField);
        if (created.createdByThisCall()) {
            return new Upserted(created.document(), Change.CREATED);
        }
        // A racing worker or a create whose answer was lost got there first; its copy may hold older values.
        return updateDifferences(doctype, created.document(), desired);
    }

    /** PUTs the fields of {@code desired} that differ from {@code stored}; no request when none does. */
    public Upserted updateDifferences(String doctype, ObjectNode stored, ObjectNode desired) {
        ObjectNode differences = differences(stored, desired);
        if (differences.isEmpty()) {
            return new Upserted(stored, Change.UNCHANGED);
        }
        return new Upserted(client.update(doctype, stored.path("name").asText(), differences), Change.UPDATED);
    }

    /**
     * The fields of {@code desired} whose value differs from {@code stored}. Scalars compare as text (ERPNext may
     * answer 1 for "1"); a child table compares row by row on the fields the desired rows name, ignoring the row
     * metadata ERPNext adds, and is sent whole because a PUT replaces the table.
     */
    static ObjectNode differences(ObjectNode stored, ObjectNode desired) {
        ObjectNode differences = desired.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode want = field.getValue();
            JsonNode have = stored.path(field.getKey());
            boolean same = want.isArray() ? sameRows((ArrayNode) want, have) : sameScalar(want, have);
            if (!same) {
                differences.set(field.getKey(), want);
            }
        }
        return differences;
    }

    private static boolean sameRows(ArrayNode want, JsonNode have) {
        if (!have.isArray() || have.size() != want.size()) {
            return false;
        }
        for (int row = 0; row < want.size(); row++) {
            for (Iterator<Map.Entry<String, JsonNode>> cells = want.get(row).fields(); cells.hasNext(); ) {
                Map.Entry<String, JsonNode> cell = cells.next();
                if (!sameScalar(cell.getValue(), have.get(row).path(cell.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameScalar(JsonNode want, JsonNode have) {
        return !have.isMissingNode() && !have.isNull() && want.asText().equals(have.asText());
    }
}
