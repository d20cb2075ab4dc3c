package io.shoperp.measured;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a fault scenario did, counted the same way for every scenario: deliveries sent (HTTP requests),
 * acknowledged (2xx), stored (inbox rows = distinct deliveries), applied (events DONE; ERPNext documents by
 * business key), duplicates created (ERPNext documents beyond the first per business key) and events lost
 * (acknowledged deliveries with no inbox row, events not ending DONE / IGNORED / an expected DEAD, business keys
 * the traffic should have produced but ERPNext lacks).
 */
public final class FaultLedger {

    /** A business key of a doctype: Sales Orders by shopify_order_id, Customers by shopify_customer_id, ... */
    public record Key(String doctype, String field) {
    }

    public static final List<Key> KEYS = List.of(
            new Key("Customer", "shopify_customer_id"),
            new Key("Address", "shopify_address_id"),
            new Key("Contact", "shopify_customer_id"),
            new Key("Item", "shopify_variant_id"),
            new Key("Sales Order", "shopify_order_id"),
            new Key("Sales Invoice", "shopify_invoice_key"),
            new Key("Payment Entry", "shopify_payment_key"),
            new Key("Delivery Note", "shopify_fulfillment_id"));

    public final String scenario;
    public long sent;
    public long acknowledged;
    public long acknowledgedDistinct;
    public long stored;
    public long done;
    public long ignored;
    public long dead;
    public long expectedDead;
    public long unfinished;
    public long documents;
    public long duplicates;
    public long lost;
    public final Map<String, Long> documentsByDoctype = new LinkedHashMap<>();
    public final Map<String, Long> duplicatesByDoctype = new LinkedHashMap<>();
    public final List<String> problems = new ArrayList<>();

    public FaultLedger(String scenario) {
        this.scenario = scenario;
    }

    /**
     * Fills the ledger from the sender, the inbox and ERPNext.
     *
     * @param expectedDeadIds webhook ids that must end DEAD (poison); any other DEAD counts as lost
     * @param expectedKeys business keys that must exist once in ERPNext afterwards (doctype -> keys)
     */
    public FaultLedger collect(StormSender sender, JdbcTemplate jdbc, ErpNextSandbox sandbox,
                               Set<String> expectedDeadIds, Map<Key, List<String>> expectedKeys) {
        sent = sender.sent.get();
        acknowledged = sender.acknowledged.get();
        acknowledgedDistinct = sender.acknowledgedIds.size();
        Map<String, String> statusById = new HashMap<>();
        Map<String, String> reasonById = new HashMap<>();
        jdbc.query("SELECT webhook_id, status, status_reason FROM inbox_event", rs -> {
            statusById.put(rs.getString(1), rs.getString(2));
            reasonById.put(rs.getString(1), rs.getString(3));
        });
        stored = statusById.size();
        long missingRows = sender.acknowledgedIds.stream().filter(id -> !statusById.containsKey(id)).count();
        if (missingRows > 0) {
            problems.add(missingRows + " acknowledged deliveries have no inbox row");
        }
        long unexpectedDead = 0;
        for (Map.Entry<String, String> row : statusById.entrySet()) {
            switch (row.getValue()) {
                case "DONE" -> done++;
                case "IGNORED" -> ignored++;
                case "DEAD" -> {
                    dead++;
                    if (expectedDeadIds.contains(row.getKey())) {
                        expectedDead++;
                        if (reasonById.get(row.getKey()) == null || reasonById.get(row.getKey()).isBlank()) {
                            problems.add("DEAD without a reason: " + row.getKey());
                            unexpectedDead++;
                        }
                    } else {
                        unexpectedDead++;
                        if (problems.size() < 20) {
                            problems.add("unexpected DEAD " + row.getKey() + ": " + reasonById.get(row.getKey()));
                        }
                    }
                }
                default -> unfinished++;
            }
        }
        for (String id : expectedDeadIds) {
            if (statusById.containsKey(id) && !"DEAD".equals(statusById.get(id))) {
                problems.add("poison " + id + " ended " + statusById.get(id) + " instead of DEAD");
                unexpectedDead++;
            }
        }
        if (unfinished > 0) {
            problems.add(unfinished + " events not finished (PENDING/PROCESSING)");
        }
        long missingDocuments = 0;
        for (Key key : KEYS) {
            Map<String, Integer> perKey = countByKey(sandbox, key, doc -> true);
            long docs = perKey.values().stream().mapToLong(Integer::longValue).sum();
            long extra = perKey.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
            documentsByDoctype.put(key.doctype(), docs);
            duplicatesByDoctype.put(key.doctype(), extra);
            documents += docs;
            duplicates += extra;
            for (String expected : expectedKeys.getOrDefault(key, List.of())) {
                if (!perKey.containsKey(expected)) {
                    missingDocuments++;
                    if (problems.size() < 20) {
                        problems.add("missing " + key.doctype() + " " + key.field() + "=" + expected);
                    }
                }
            }
        }
        lost = missingRows + unexpectedDead + unfinished + missingDocuments;
        return this;
    }

    /**
     * Documents per key value; Sales Orders count only those not cancelled-and-amended copies, i.e. an amendment
     * chain (amended_from) is one document.
     */
    static Map<String, Integer> countByKey(ErpNextSandbox sandbox, Key key, Predicate<ObjectNode> filter) {
        Map<String, Integer> perKey = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ObjectNode doc : sandbox.documents(key.doctype())) {
            String value = doc.path(key.field()).asText("");
            if (value.isEmpty() || !filter.test(doc) || !seen.add(doc.path("name").asText())) {
                continue;
            }
            if (doc.path("docstatus").asInt() == 2 && !doc.path("amended_from").asText("").isEmpty()) {
                continue;
            }
            if (doc.hasNonNull("amended_from") && !doc.path("amended_from").asText().isEmpty()) {
                continue;
            }
            perKey.merge(value, 1, Integer::sum);
        }
        return perKey;
    }

    public boolean clean() {
        return duplicates == 0 && lost == 0;
    }

    public static String table(List<FaultLedger> ledgers) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n| %-38s | %7s | %7s | %7s | %7s | %7s | %6s | %5s | %9s | %10s | %4s |%n",
                "scenario", "sent", "ack'd", "stored", "done", "ignored", "DEAD", "docs", "apply ok", "duplicates",
                "lost"));
        out.append("|").append("-".repeat(40)).append("|---------|---------|---------|---------|---------|--------|"
                + "-------|-----------|------------|------|\n");
        for (FaultLedger l : ledgers) {
            out.append(String.format("| %-38s | %7d | %7d | %7d | %7d | %7d | %6s | %5d | %9s | %10d | %4d |%n",
                    l.scenario, l.sent, l.acknowledged, l.stored, l.done, l.ignored,
                    l.dead + (l.expectedDead > 0 ? " (" + l.expectedDead + " exp)" : ""), l.documents,
                    (l.done + l.ignored + l.expectedDead) + "/" + l.stored, l.duplicates, l.lost));
        }
        for (FaultLedger l : ledgers) {
            out.append(l.scenario).append(": documents ").append(l.documentsByDoctype)
                    .append(", duplicates ").append(l.duplicatesByDoctype).append('\n');
            l.problems.forEach(p -> out.append("  problem: ").append(p).append('\n'));
        }
        return out.toString();
    }
}
