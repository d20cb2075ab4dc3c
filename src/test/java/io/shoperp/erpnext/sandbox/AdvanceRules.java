package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.DocumentRules.decimal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a Sales Invoice takes over the customer's advance payments (Payment Entries received before it): with
 * {@code allocate_advances_automatically} = 1 its validate fills the {@code advances} table and the invoice owes that
 * much less; its submit moves each allocation from the Sales Order (or from the payment's unallocated amount) onto the
 * invoice. Runs under the store's lock.
 */
final class AdvanceRules {

    private static final String PAYMENT_ENTRY = "Payment Entry";
    private static final String SALES_ORDER = "Sales Order";

    private final SandboxStore store;

    AdvanceRules(SandboxStore store) {
        this.store = store;
    }

    private record Advance(ObjectNode payment, String referenceRow, BigDecimal amount) {
    }

    /**
     * controllers/accounts_controller.py set_advances and get_advance_entries (accounts/utils.py-side query
     * get_advance_payment_entries): the submitted receipts of the invoice's customer allocated to the Sales Orders its
     * rows come from, plus, unless {@code only_include_allocated_payments} = 1, receipts with an unallocated amount;
     * allocated oldest first up to what the invoice owes. taxes_and_totals.py calculate_outstanding_amount: the invoice
     * owes its total less total_advance.
     */
    void setAdvances(ObjectNode invoice) {
        if (invoice.path("allocate_advances_automatically").asInt() != 1 || invoice.path("is_return").asInt() == 1) {
            return;
        }
        Set<String> orders = new HashSet<>();
        invoice.path("items").forEach(row -> {
            if (!row.path("sales_order").asText().isBlank()) {
                orders.add(row.path("sales_order").asText());
            }
        });
        boolean includeUnallocated = invoice.path("only_include_allocated_payments").asInt() != 1;
        List<Advance> found = new ArrayList<>();
        for (ObjectNode payment : store.storedAll(PAYMENT_ENTRY)) {
            if (payment.path("docstatus").asInt() != 1 || !"Receive".equals(payment.path("payment_type").asText())
                    || !payment.path("party").asText().equals(invoice.path("customer").asText())) {
                continue;
            }
            for (JsonNode row : payment.path("references")) {
                if (SALES_ORDER.equals(row.path("reference_doctype").asText())
                        && orders.contains(row.path("reference_name").asText())) {
                    found.add(new Advance(payment, row.path("name").asText(), decimal(row.path("allocated_amount"))));
                }
            }
            if (includeUnallocated && decimal(payment.path("unallocated_amount")).signum() > 0) {
                found.add(new Advance(payment, null, decimal(payment.path("unallocated_amount"))));
            }
        }
        found.sort(Comparator.comparing(advance -> advance.payment().path("posting_date").asText()));
        BigDecimal owed = decimal(invoice.path("rounded_total")).signum() != 0
                ? decimal(invoice.path("rounded_total")) : decimal(invoice.path("grand_total"));
        BigDecimal allocatedSoFar = BigDecimal.ZERO;
        ArrayNode advances = invoice.putArray("advances");
        for (Advance advance : found) {
            BigDecimal allocated = advance.amount().min(owed.subtract(allocatedSoFar));
            allocatedSoFar = allocatedSoFar.add(allocated);
            ObjectNode row = advances.addObject()
                    .put("reference_type", PAYMENT_ENTRY)
                    .put("reference_name", advance.payment().path("name").asText())
                    .put("advance_amount", advance.amount())
                    .put("allocated_amount", allocated);
            if (advance.referenceRow() != null) {
                row.put("reference_row", advance.referenceRow());
            }
        }
        invoice.put("total_advance", allocatedSoFar);
        if (invoice.path("docstatus").asInt() == 0) {
            invoice.put("outstanding_amount", owed.subtract(allocatedSoFar));
        }
    }

    /**
     * accounts_controller.py update_against_document_in_jv, accounts/utils.py reconcile_against_document and
     * update_reference_in_payment_entry: each allocated advance becomes a reference of the payment to the invoice,
     * taken from the Sales Order row it was booked on (whose advance_paid drops by as much) or from the unallocated
     * amount; a row left at zero is dropped (clear_unallocated_reference_document_rows).
     */
    void allocateOnSubmit(ObjectNode invoice) {
        for (JsonNode advance : invoice.path("advances")) {
            BigDecimal allocated = decimal(advance.path("allocated_amount"));
            if (allocated.signum() <= 0) {
                continue;
            }
            ObjectNode payment = store.stored(PAYMENT_ENTRY, advance.path("reference_name").asText());
            ArrayNode references = payment.withArray("references");
            if (advance.hasNonNull("reference_row")) {
                for (JsonNode value : references) {
                    ObjectNode row = (ObjectNode) value;
                    if (row.path("name").asText().equals(advance.path("reference_row").asText())) {
                        row.put("allocated_amount", decimal(row.path("allocated_amount")).subtract(allocated));
                        ObjectNode order = store.stored(row.path("reference_doctype").asText(),
                                row.path("reference_name").asText());
                        order.put("advance_paid", decimal(order.path("advance_paid")).subtract(allocated));
                    }
                }
            } else {
                payment.put("unallocated_amount", decimal(payment.path("unallocated_amount")).subtract(allocated));
            }
            references.addObject()
                    .put("name", UUID.randomUUID().toString().replace("-", "").substring(0, 10))
                    .put("reference_doctype", "Sales Invoice")
                    .put("reference_name", invoice.path("name").asText())
                    .put("allocated_amount", allocated)
                    .put("docstatus", 1);
            for (Iterator<JsonNode> rows = references.elements(); rows.hasNext(); ) {
                if (decimal(rows.next().path("allocated_amount")).signum() == 0) {
                    rows.remove();
                }
            }
        }
    }
}
