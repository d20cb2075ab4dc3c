package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.DocumentRules.decimal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ERPNext's Payment Entry (accounts/doctype/payment_entry/payment_entry.py): what validate fills in and refuses, and
 * how submit and cancel change what the referenced documents owe. Runs under the store's lock.
 */
final class PaymentRules {

    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private final SandboxStore store;

    PaymentRules(SandboxStore store) {
        this.store = store;
    }

    void validate(ObjectNode payment) {
        boolean receive = !"Pay".equals(payment.path("payment_type").asText());
        String partyAccountField = receive ? "paid_from" : "paid_to";
        String bankAccountField = receive ? "paid_to" : "paid_from";
        setPartyAccount(payment, partyAccountField);
        setReceivedAmount(payment);
        validateMandatory(payment, bankAccountField);
        validateReferenceDocuments(payment, payment.path(partyAccountField).asText());
        clearUnallocatedReferenceRows(payment);
        validateTransactionReference(payment, bankAccountField);
        validateDuplicateEntry(payment);
        validateAllocatedAmounts(payment, receive);
        setUnallocatedAmount(payment);
    }

    /** on_submit: refuses a difference (set_difference_amount), then the referenced documents owe the allocations less. */
    void onSubmit(ObjectNode payment) {
        if (decimal(payment.path("difference_amount")).signum() != 0) {
            throw FrappeError.validation("Difference Amount must be zero");
        }
        applyAllocations(payment, BigDecimal.ONE);
    }

    /** direction +1 on submit: each referenced document owes the allocation less; -1 on cancel gives it back. */
    void applyAllocations(ObjectNode payment, BigDecimal direction) {
        for (JsonNode row : payment.path("references")) {
            ObjectNode reference = store.stored(row.path("reference_doctype").asText(), row.path("reference_name").asText());
            BigDecimal allocated = decimal(row.path("allocated_amount")).multiply(direction);
            if ("Sales Invoice".equals(reference.path("doctype").asText())) {
                reference.put("outstanding_amount", decimal(reference.path("outstanding_amount")).subtract(allocated));
            } else {
                reference.put("advance_paid", decimal(reference.path("advance_paid")).add(allocated));
            }
        }
    }

    /**
     * set_missing_values: the party's account (paid_from on a receipt, paid_to on a refund) comes from
     * accounts/party.py get_party_account, i.e. the company's default receivable account, not from the invoice.
     */
    private void setPartyAccount(ObjectNode payment, String field) {
        if (payment.path(field).asText().isBlank()) {
            ObjectNode company = store.stored("Company", payment.path("company").asText());
            if (company != null && company.hasNonNull("default_receivable_account")) {
                payment.put(field, company.get("default_receivable_account").asText());
            }
        }
    }

    /** set_amounts: with both accounts in one currency, received_amount is paid_amount, whatever was sent. */
    private void setReceivedAmount(ObjectNode payment) {
        if (currencyOf(payment.path("paid_from").asText()).equals(currencyOf(payment.path("paid_to").asText()))) {
            payment.set("received_amount", payment.path("paid_amount"));
        }
    }

    /** validate_mandatory: zero counts as missing for these amounts ("Paid Amount is mandatory"). */
    private void validateMandatory(ObjectNode payment, String bankAccountField) {
        if (payment.path(bankAccountField).asText().isBlank()) {
            throw FrappeError.validation(("paid_to".equals(bankAccountField) ? "Target" : "Source")
                    + " Exchange Rate is mandatory");
        }
        if (decimal(payment.path("paid_amount")).signum() == 0) {
            throw FrappeError.validation("Paid Amount is mandatory");
        }
        if (decimal(payment.path("received_amount")).signum() == 0) {
            throw FrappeError.validation("Received Amount is mandatory");
        }
    }

    /**
     * validate_reference_documents: each reference is submitted, of the payment's party, and booked on the same
     * receivable account the payment uses.
     */
    private void validateReferenceDocuments(ObjectNode payment, String partyAccount) {
        for (JsonNode row : payment.path("references")) {
            String doctype = row.path("reference_doctype").asText();
            String name = row.path("reference_name").asText();
            ObjectNode reference = store.stored(doctype, name);
            if (reference.path("docstatus").asInt() != 1) {
                throw FrappeError.validation(doctype + " " + name + " must be submitted");
            }
            if (!reference.path("customer").asText().equals(payment.path("party").asText())) {
                throw FrappeError.validation(doctype + " " + name + " is not associated with Customer "
                        + payment.path("party").asText());
            }
            String debitTo = reference.path("debit_to").asText();
            if ("Sales Invoice".equals(doctype) && !debitTo.equals(partyAccount)) {
                throw FrappeError.validation(doctype + " " + name + " is associated with " + debitTo
                        + ", but Party Account is " + partyAccount);
            }
        }
    }

    /** validate_duplicate_entry: one reference row per document ("Row #{0}: Duplicate entry in References {1} {2}"). */
    private static void validateDuplicateEntry(ObjectNode payment) {
        Set<String> seen = new HashSet<>();
        int idx = 0;
        for (JsonNode row : payment.path("references")) {
            idx++;
            String doctype = row.path("reference_doctype").asText();
            String name = row.path("reference_name").asText();
            if (!seen.add(doctype + "\u0000" + name)) {
                throw FrappeError.validation("Row #" + idx + ": Duplicate entry in References " + doctype + " " + name);
            }
        }
    }

    /**
     * set_total_allocated_amount, set_unallocated_amount and set_difference_amount (same-currency accounts): what the
     * references do not take stays unallocated (an advance of the party, which a later invoice can take over); an
     * allocation beyond the amount received leaves a difference, and on_submit refuses it ("Difference Amount must be
     * zero").
     */
    private static void setUnallocatedAmount(ObjectNode payment) {
        BigDecimal allocated = BigDecimal.ZERO;
        for (JsonNode row : payment.path("references")) {
            allocated = allocated.add(decimal(row.path("allocated_amount")));
        }
        allocated = allocated.abs();
        BigDecimal amount = decimal(payment.path("Pay".equals(payment.path("payment_type").asText())
                ? "received_amount" : "paid_amount"));
        BigDecimal unallocated = amount.subtract(allocated).max(BigDecimal.ZERO);
        payment.put("total_allocated_amount", allocated).put("unallocated_amount", unallocated);
        BigDecimal difference = allocated.add(unallocated).subtract(amount);
        payment.put("difference_amount", difference);
    }

    /** clear_unallocated_reference_document_rows: a row allocating nothing is dropped. */
    private static void clearUnallocatedReferenceRows(ObjectNode payment) {
        for (Iterator<JsonNode> rows = payment.withArray("references").elements(); rows.hasNext(); ) {
            if (decimal(rows.next().path("allocated_amount")).signum() == 0) {
                rows.remove();
            }
        }
    }

    /** validate_transaction_reference: money through a Bank account needs a reference number and date. */
    private void validateTransactionReference(ObjectNode payment, String bankAccountField) {
        ObjectNode account = store.stored("Account", payment.path(bankAccountField).asText());
        boolean bank = account != null && "Bank".equals(account.path("account_type").asText());
        if (bank && (payment.path("reference_no").asText().isBlank() || payment.path("reference_date").asText().isBlank())) {
            throw FrappeError.validation("Reference No and Reference Date is mandatory for Bank transaction");
        }
    }

    /**
     * validate_payment_type_with_outstanding and validate_allocated_amount_with_latest_data: an allocation must have
     * the sign of what the document owes now and not exceed it; a document that owes nothing (in that direction) is
     * "already fully paid".
     */
    private void validateAllocatedAmounts(ObjectNode payment, boolean receive) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : payment.path("references")) {
            total = total.add(decimal(row.path("allocated_amount")));
        }
        if (receive && total.signum() < 0) {
            throw FrappeError.validation("Cannot receive from customer against negative outstanding");
        }
        for (JsonNode row : payment.path("references")) {
            String doctype = row.path("reference_doctype").asText();
            ObjectNode reference = store.stored(doctype, row.path("reference_name").asText());
            BigDecimal outstanding = outstanding(reference);
            BigDecimal allocated = decimal(row.path("allocated_amount"));
            boolean owesThatWay = allocated.signum() > 0 ? outstanding.compareTo(HALF_CENT) > 0 : outstanding.signum() < 0;
            if (!owesThatWay) {
                throw FrappeError.validation(doctype + " " + reference.path("name").asText() + " has already been fully paid.");
            }
            boolean over = allocated.signum() > 0 ? allocated.compareTo(outstanding) > 0 : allocated.compareTo(outstanding) < 0;
            if (over) {
                throw FrappeError.validation("Row #" + row.path("idx").asText()
                        + ": Allocated Amount cannot be greater than outstanding amount.");
            }
        }
    }

    private static BigDecimal outstanding(ObjectNode reference) {
        if ("Sales Invoice".equals(reference.path("doctype").asText())) {
            return decimal(reference.path("outstanding_amount"));
        }
        return decimal(reference.path("grand_total")).subtract(decimal(reference.path("advance_paid")));
    }

    private String currencyOf(String account) {
        ObjectNode found = store.stored("Account", account);
        String currency = found == null ? "" : found.path("account_currency").asText();
        if (!currency.isBlank() || found == null) {
            return currency;
        }
        ObjectNode company = store.stored("Company", found.path("company").asText());
        return company == null ? "" : company.path("default_currency").asText();
    }
}
