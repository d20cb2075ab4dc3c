package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-memory ERPNext documents. Every operation runs under this object's lock, so naming, validation, the unique
 * checks and the write are one atomic step, as in one Frappe request transaction: two racing inserts with the same
 * unique value give one document and one UniqueValidationError.
 */
class SandboxStore {

    /**
     * The first naming_series option of each doctype named by series (their doctype JSON, e.g.
     * selling/doctype/sales_order/sales_order.json): what frappe/model/naming.py get_default_naming_series gives a
     * document sent without one.
     */
    private static final Map<String, String> NAMING_SERIES = Map.of(
            "Sales Order", "SAL-ORD-.YYYY.-", "Sales Invoice", "ACC-SINV-.YYYY.-", "Payment Entry", "ACC-PAY-.YYYY.-",
            "Delivery Note", "MAT-DN-.YYYY.-");
    private static final Set<String> SYSTEM_FIELDS = Set.of("name", "owner", "creation", "modified", "modified_by",
            "docstatus", "doctype", "idx");
    private static final DateTimeFormatter FRAPPE_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final Map<String, Map<String, ObjectNode>> tables = new HashMap<>();
    private final Map<String, Integer> seriesCounters = new HashMap<>();
    private final StockBins stock = new StockBins();
    private final DocumentRules rules = new DocumentRules(this);
    private Instant lastModified = Instant.EPOCH;
    private volatile Clock clock = Clock.systemUTC();

    SandboxStore(ObjectMapper json) {
        this.json = json;
    }

    synchronized ObjectNode insert(String doctype, ObjectNode input) {
        int requestedDocstatus = input.path("docstatus").asInt(0);
        if (requestedDocstatus == 2) {
            throw docstatusTransition(0, 2);
        }
        ObjectNode doc = input.deepCopy();
        String promptedName = doc.path("name").asText();
        SYSTEM_FIELDS.forEach(doc::remove);
        doc.put("doctype", doctype).put("docstatus", 0);
        stampChildRows(doctype, doc, "new");
        rules.fillInsertDefaults(doctype, doc);
        rules.validate(doctype, doc);
        String name = newName(doctype, doc, promptedName);
        if (table(doctype).containsKey(name)) {
            throw new FrappeError(409, "DuplicateEntryError", doctype + " " + name + " already exists",
                    "('" + doctype + "', '" + name + "', IntegrityError(1062, \"Duplicate entry '" + name
                            + "' for key 'PRIMARY'\"))");
        }
        doc.put("name", name);
        stampChildRows(doctype, doc, name);
        requireUniqueCustomFields(doctype, doc);
        String now = nextTimestamp();
        doc.put("owner", "Administrator").put("creation", now).put("modified", now).put("modified_by", "Administrator")
                .put("idx", 0);
        if (requestedDocstatus == 1) {
            rules.onSubmit(doctype, doc);
            doc.put("docstatus", 1);
            stampChildRows(doctype, doc, name);
        }
        table(doctype).put(name, doc);
        try {
            rules.onUpdate(doctype, doc);
        } catch (RuntimeException e) {
            table(doctype).remove(name);
            throw e;
        }
        if (NAMING_SERIES.containsKey(doctype)) {
            seriesCounters.merge(seriesPrefix(doc.path("naming_series").asText()), 1, Integer::sum);
        }
        return doc.deepCopy();
    }

    /** PUT semantics: scalars are merged, a listed child table replaces the stored one, docstatus drives the lifecycle. */
    synchronized ObjectNode update(String doctype, String name, ObjectNode changes) {
        ObjectNode stored = require(doctype, name);
        int from = stored.path("docstatus").asInt();
        int to = changes.path("docstatus").asInt(from);
        if (changes.has("modified") && !changes.get("modified").asText().equals(stored.path("modified").asText())) {
            throw new FrappeError(417, "TimestampMismatchError", "Error: Document has been modified after you have opened it ("
                    + stored.path("modified").asText() + ", " + changes.get("modified").asText() + "). Please refresh to get the latest document.");
        }
        if (from == 2) {
            throw FrappeError.validation("Cannot edit cancelled document");
        }
        if (to < from || to - from > 1) {
            throw docstatusTransition(from, to);
        }
        ObjectNode updated = stored.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            if (SYSTEM_FIELDS.contains(change.getKey())) {
                continue;
            }
            if (from == 1 && !change.getValue().equals(stored.get(change.getKey()))) {
                throw new FrappeError(417, "UpdateAfterSubmitError", "Not allowed to change " + change.getKey()
                        + " after submission");
            }
            updated.set(change.getKey(), change.getValue().isArray()
                    ? replaceChildTable(stored.path(change.getKey()), (ArrayNode) change.getValue())
                    : change.getValue());
        }
        stampChildRows(doctype, updated, name);
        if (from == 0) {
            rules.validate(doctype, updated);
            requireUniqueCustomFields(doctype, updated);
        }
        if (from == 0 && to == 1) {
            rules.onSubmit(doctype, updated);
        } else if (from == 1 && to == 2) {
            requireNotLinkedFromSubmitted(doctype, name);
            rules.onCancel(doctype, updated);
        }
        updated.put("docstatus", to).put("modified", nextTimestamp());
        stampChildRows(doctype, updated, name);
        table(doctype).put(name, updated);
        if (from == 0) {
            try {
                rules.onUpdate(doctype, updated);
            } catch (RuntimeException e) {
                table(doctype).put(name, stored);
                throw e;
            }
        }
        return updated.deepCopy();
    }

    synchronized void delete(String doctype, String name) {
        ObjectNode stored = require(doctype, name);
        if (stored.path("docstatus").asInt() == 1) {
            throw FrappeError.validation("Submitted Record cannot be deleted. You must Cancel it first.");
        }
        for (Map.Entry<String, Map<String, ObjectNode>> table : tables.entrySet()) {
            for (ObjectNode other : table.getValue().values()) {
                if (other.path("docstatus").asInt() != 2 && DocumentRules.linksTo(other, doctype, name)) {
                    throw linkExists(doctype, name, other);
                }
            }
        }
        table(doctype).remove(name);
    }

    synchronized Optional<ObjectNode> find(String doctype, String name) {
        return Optional.ofNullable(stored(doctype, name)).map(ObjectNode::deepCopy);
    }

    synchronized ObjectNode get(String doctype, String name) {
        return require(doctype, name).deepCopy();
    }

    synchronized List<ObjectNode> list(String doctype) {
        if ("Bin".equals(doctype)) {
            return binDocuments();
        }
        return table(doctype).values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Bins are read-only through REST, as in ERPNext, where only stock transactions change them. */
    private List<ObjectNode> binDocuments() {
        List<ObjectNode> bins = new ArrayList<>();
        bins().forEach((key, bin) -> bins.add(json.createObjectNode()
                .put("name", Integer.toHexString((key.itemCode() + key.warehouse()).hashCode()))
                .put("doctype", "Bin").put("item_code", key.itemCode()).put("warehouse", key.warehouse())
                .put("actual_qty", bin.actualQty()).put("reserved_qty", bin.reservedQty())
                .put("projected_qty", bin.availableQty())
                .put("valuation_rate", bin.valuationRate() == null ? BigDecimal.ZERO : bin.valuationRate())));
        return bins;
    }

    /** Every Bin as ERPNext shows it: reserved_qty includes what submitted Sales Orders still have to deliver. */
    synchronized Map<StockBins.BinKey, StockBins.Bin> bins() {
        Map<StockBins.BinKey, StockBins.Bin> bins = new LinkedHashMap<>(stock.all());
        rules.reservedBySalesOrders().forEach((key, reserved) -> {
            StockBins.Bin bin = bins.getOrDefault(key, StockBins.Bin.EMPTY);
            bins.put(key, new StockBins.Bin(bin.actualQty(), bin.reservedQty().add(reserved), bin.valuationRate()));
        });
        return bins;
    }

    /** Stores a document as given, without validation: masters and fixtures. Its name is kept when present. */
    synchronized ObjectNode seed(String doctype, ObjectNode input) {
        ObjectNode doc = input.deepCopy();
        String name = doc.hasNonNull("name") ? doc.get("name").asText() : newName(doctype, doc, "");
        String now = nextTimestamp();
        doc.put("name", name).put("doctype", doctype).put("docstatus", doc.path("docstatus").asInt(0))
                .put("owner", "Administrator").put("creation", now).put("modified", now);
        stampChildRows(doctype, doc, name);
        table(doctype).put(name, doc);
        return doc.deepCopy();
    }

    /** The server's clock (its wall time; the zone comes from System Settings). */
    Clock clock() {
        return clock;
    }

    void clock(Clock serverClock) {
        this.clock = serverClock;
    }

    StockBins stock() {
        return stock;
    }

    /** The live stored document for rules running under the lock; null when absent. */
    /** Removes a document without Frappe's checks (links, docstatus), like {@link #seed} stores one. */
    synchronized void remove(String doctype, String name) {
        table(doctype).remove(name);
    }

    ObjectNode stored(String doctype, String name) {
        return table(doctype).get(name);
    }

    List<ObjectNode> storedAll(String doctype) {
        return new ArrayList<>(table(doctype).values());
    }

    private ObjectNode require(String doctype, String name) {
        ObjectNode stored = stored(doctype, name);
        if (stored == null) {
            throw FrappeError.notFound(doctype, name);
        }
        return stored;
    }

    private Map<String, ObjectNode> table(String doctype) {
        return tables.computeIfAbsent(doctype, d -> new LinkedHashMap<>());
    }

    private String newName(String doctype, ObjectNode doc, String promptedName) {
        if (doc.hasNonNull("amended_from")) {
            return amendedName(doctype, doc.get("amended_from").asText());
        }
        return switch (doctype) {
            case "Item" -> doc.path("item_code").asText();
            case "Customer" -> MasterDataRules.requireFitsNameColumn(customerName(doc.path("customer_name").asText()));
            case "Contact" -> MasterDataRules.requireFitsNameColumn(
                    MasterDataRules.contactName(doc, table(doctype).keySet()));
            case "Address" -> MasterDataRules.requireFitsNameColumn(
                    MasterDataRules.addressName(doc, table(doctype).keySet()));
            case "Custom Field" -> doc.path("dt").asText() + "-" + doc.path("fieldname").asText();
            default -> {
                if (NAMING_SERIES.containsKey(doctype)) {
                    // naming.py set_name_by_naming_series: any series sent is used (only Select fields other than
                    // naming_series are checked against their options), else the doctype's first option.
                    if (doc.path("naming_series").asText().isBlank()) {
                        doc.put("naming_series", NAMING_SERIES.get(doctype));
                    }
                    String prefix = seriesPrefix(doc.path("naming_series").asText());
                    yield prefix + String.format("%05d", seriesCounters.getOrDefault(prefix, 0) + 1);
                }
                yield promptedName.isBlank() ? UUID.randomUUID().toString().replace("-", "").substring(0, 10) : promptedName;
            }
        };
    }

    /**
     * naming.py parse_naming_series for "SERIES.#####": the parts between dots, YYYY / YY / MM / DD replaced by the
     * server's date; the counter (tabSeries) is kept per resulting prefix.
     */
    private String seriesPrefix(String series) {
        LocalDate today = LocalDate.now(clock);
        StringBuilder prefix = new StringBuilder();
        for (String part : series.split("\\.")) {
            prefix.append(switch (part) {
                case "YYYY" -> String.valueOf(today.getYear());
                case "YY" -> String.format("%02d", today.getYear() % 100);
                case "MM" -> String.format("%02d", today.getMonthValue());
                case "DD" -> String.format("%02d", today.getDayOfMonth());
                default -> part.startsWith("#") ? "" : part;
            });
        }
        return prefix.toString();
    }

    /** ERPNext renames a clashing customer_name "X - 1", "X - 2"...: a Customer cannot be deduplicated by name. */
    private String customerName(String customerName) {
        String name = customerName;
        for (int suffix = 1; table("Customer").containsKey(name); suffix++) {
            name = customerName + " - " + suffix;
        }
        return name;
    }

    /** Frappe's _get_amended_name: "SAL-ORD-2026-00001" amends to "…-00001-1", an amendment of that to "…-00001-2". */
    private String amendedName(String doctype, String amendedFrom) {
        ObjectNode original = require(doctype, amendedFrom);
        if (original.hasNonNull("amended_from")) {
            int cut = amendedFrom.lastIndexOf('-');
            return amendedFrom.substring(0, cut) + "-" + (Integer.parseInt(amendedFrom.substring(cut + 1)) + 1);
        }
        return amendedFrom + "-1";
    }

    /** Whether a stored document of the doctype already holds one of {@code doc}'s unique custom field values. */
    synchronized boolean holdsUniqueValueOf(String doctype, ObjectNode doc) {
        for (ObjectNode field : table("Custom Field").values()) {
            if (!doctype.equals(field.path("dt").asText()) || field.path("unique").asInt() != 1) {
                continue;
            }
            String fieldname = field.path("fieldname").asText();
            String value = doc.path(fieldname).asText();
            if (!value.isBlank() && table(doctype).values().stream()
                    .anyMatch(other -> value.equals(other.path(fieldname).asText()))) {
                return true;
            }
        }
        return false;
    }

    /** The values of the doctype's unique custom fields that {@code doc} holds, as text. */
    synchronized List<String> uniqueValuesOf(String doctype, ObjectNode doc) {
        List<String> values = new ArrayList<>();
        for (ObjectNode field : table("Custom Field").values()) {
            String value = doc.path(field.path("fieldname").asText()).asText();
            if (doctype.equals(field.path("dt").asText()) && field.path("unique").asInt() == 1 && !value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }

    private void requireUniqueCustomFields(String doctype, ObjectNode doc) {
        for (ObjectNode field : table("Custom Field").values()) {
            if (!doctype.equals(field.path("dt").asText()) || field.path("unique").asInt() != 1) {
                continue;
            }
            String fieldname = field.path("fieldname").asText();
            String value = doc.path(fieldname).asText();
            if (value.isBlank()) {
                continue; // blanks are NULL in MariaDB: any number of them is allowed
            }
            for (ObjectNode other : table(doctype).values()) {
                if (!other.path("name").asText().equals(doc.path("name").asText())
                        && value.equals(other.path(fieldname).asText())) {
                    throw new FrappeError(417, "UniqueValidationError",
                            field.path("label").asText(fieldname) + " must be unique",
                            "('" + doctype + "', '" + doc.path("name").asText() + "', IntegrityError(1062, \"Duplicate entry '"
                                    + value + "' for key '" + fieldname + "'\"))");
                }
            }
        }
    }

    private void requireNotLinkedFromSubmitted(String doctype, String name) {
        for (Map<String, ObjectNode> table : tables.values()) {
            for (ObjectNode other : table.values()) {
                if (other.path("docstatus").asInt() == 1 && DocumentRules.linksTo(other, doctype, name)) {
                    throw linkExists(doctype, name, other);
                }
            }
        }
    }

    private static FrappeError linkExists(String doctype, String name, ObjectNode linkedFrom) {
        return new FrappeError(417, "LinkExistsError", "Cannot delete or cancel because " + doctype + " " + name
                + " is linked with " + linkedFrom.path("doctype").asText() + " " + linkedFrom.path("name").asText());
    }

    private static FrappeError docstatusTransition(int from, int to) {
        return new FrappeError(417, "DocstatusTransitionError", "Cannot change docstatus from " + from + " to " + to);
    }

    /** A child table in a PUT: rows naming a stored row update it, rows without a name are new, unlisted rows go. */
    private ArrayNode replaceChildTable(JsonNode storedRows, ArrayNode newRows) {
        Map<String, JsonNode> storedByName = new HashMap<>();
        storedRows.forEach(row -> storedByName.put(row.path("name").asText(), row));
        ArrayNode replaced = json.createArrayNode();
        for (JsonNode row : newRows) {
            JsonNode existing = storedByName.get(row.path("name").asText());
            ObjectNode merged = existing != null ? ((ObjectNode) existing).deepCopy() : json.createObjectNode();
            merged.setAll((ObjectNode) row);
            replaced.add(merged);
        }
        return replaced;
    }

    private void stampChildRows(String doctype, ObjectNode doc, String parentName) {
        doc.fields().forEachRemaining(field -> {
            if (!field.getValue().isArray()) {
                return;
            }
            int idx = 1;
            for (JsonNode row : field.getValue()) {
                if (row.isObject()) {
                    ObjectNode child = (ObjectNode) row;
                    if (!child.hasNonNull("name")) {
                        child.put("name", UUID.randomUUID().toString().replace("-", "").substring(0, 10));
                    }
                    child.put("idx", idx++).put("parent", parentName).put("parentfield", field.getKey())
                            .put("parenttype", doctype).put("docstatus", doc.path("docstatus").asInt());
                }
            }
        });
    }

    /** Strictly increasing, so ordering by modified is ordering by write. */
    private String nextTimestamp() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        lastModified = now.isAfter(lastModified) ? now : lastModified.plus(1, ChronoUnit.MICROS);
        return FRAPPE_DATETIME.format(lastModified);
    }
}
