package io.shoperp.demo;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CustomFieldSetup;
import io.shoperp.erpnext.RequiredCustomField;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;

/**
 * An ERPNext document that carries a Shopify business key, which is what the bridge writes: the unique custom fields
 * of {@link CustomFieldSetup#REQUIRED_FIELDS} say which field links each doctype to Shopify. {@code modified} is kept so
 * that two snapshots are equal only when nothing was created or changed in between.
 *
 * @param amount grand_total of a selling document, paid_amount of a Payment Entry, null for masters
 * @param outstanding what an invoice still owes, null for other documents
 */
record LinkedDocument(String doctype, String name, int docstatus, boolean isReturn, String paymentType,
                      BigDecimal amount, BigDecimal outstanding, String keyField, String key, String creation,
                      String modified) {

    private static final Set<String> SUBMITTABLE = Set.of("Sales Order", "Sales Invoice", "Delivery Note",
            "Payment Entry", "Stock Reconciliation");
    private static final Map<String, List<String>> KEY_FIELDS = CustomFieldSetup.REQUIRED_FIELDS.stream()
            .filter(RequiredCustomField::unique)
            .collect(Collectors.groupingBy(RequiredCustomField::doctype, LinkedHashMap::new,
                    Collectors.mapping(RequiredCustomField::fieldname, Collectors.toList())));

    /** Every document of the sandbox linked to Shopify, in the order ERPNext created them. */
    static List<LinkedDocument> in(ErpNextSandbox erpNext) {
        return KEY_FIELDS.entrySet().stream()
                .flatMap(doctype -> erpNext.documents(doctype.getKey()).stream()
                        .flatMap(document -> linked(doctype.getKey(), doctype.getValue(), document).stream()))
                .sorted(Comparator.comparing(LinkedDocument::creation))
                .toList();
    }

    private static Optional<LinkedDocument> linked(String doctype, List<String> keyFields, ObjectNode document) {
        return keyFields.stream().filter(field -> !document.path(field).asText().isBlank()).findFirst()
                .map(field -> new LinkedDocument(doctype, document.path("name").asText(),
                        document.path("docstatus").asInt(), document.path("is_return").asInt() == 1,
                        document.path("payment_type").asText(null),
                        decimal(document.hasNonNull("grand_total") ? document.get("grand_total") : document.get("paid_amount")),
                        "Sales Invoice".equals(doctype) ? decimal(document.get("outstanding_amount")) : null,
                        field, document.path(field).asText(), document.path("creation").asText(),
                        document.path("modified").asText()));
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || value.isNull() ? null : new BigDecimal(value.asText());
    }

    boolean is(String doctype) {
        return this.doctype.equals(doctype);
    }

    boolean isSubmitted() {
        return docstatus == 1;
    }

    /** A Payment Entry that pays money out (a refund) rather than receiving it. */
    boolean paysOut() {
        return "Pay".equals(paymentType);
    }

    /** The doctype as a person reads it in ERPNext: a return Sales Invoice is the credit note. */
    String label() {
        return doctype + (isReturn ? " (return)" : "") + (paysOut() ? " (refund)" : "");
    }

    /** Docstatus for documents that are submitted; masters (Customer, Address, ...) have none worth showing. */
    String state() {
        if (!SUBMITTABLE.contains(doctype)) {
            return "";
        }
        String state = switch (docstatus) {
            case 0 -> "draft";
            case 1 -> "submitted";
            default -> "cancelled";
        };
        return outstanding == null ? state : state + ", owes " + DemoReport.money(outstanding);
    }

    boolean hasAmount(BigDecimal expected) {
        return amount != null && amount.compareTo(expected) == 0;
    }
}
