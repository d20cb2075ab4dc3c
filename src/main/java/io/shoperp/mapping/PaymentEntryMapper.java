package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyRefund;
import io.shoperp.shopify.ShopifyTransaction;

/**
 * Submitted Payment Entries for the money Shopify moved, on the account of the gateway that moved it
 * ({@code erpnext.payment-accounts."<gateway>"}). Keys ({@code shopify_payment_key}):
 * <ul>
 * <li>{@code order:<order id>} for the payment of an order (orders/paid carries no transaction, so one receipt
 * per order, referenced by the order name);</li>
 * <li>{@code refund:<refund id>} for the money a refund paid back (its successful refund transactions,
 * referenced by their ids).</li>
 * </ul>
 */
public class PaymentEntryMapper {

    private static final String SALES_INVOICE = "Sales Invoice";

    private final ErpNextMappingProperties mapping;

    public PaymentEntryMapper(ErpNextMappingProperties mapping) {
        this.mapping = mapping;
    }

    public static String orderPaymentKey(long orderId) {
        return "order:" + orderId;
    }

    public static String refundPaymentKey(long refundId) {
        return "refund:" + refundId;
    }

    /**
     * The receipt of a paid order, allocated to its invoice up to what the invoice still owes (someone may have booked
     * part of it in ERPNext; the rest stays an unallocated advance); empty for an order of 0.00 (a 100 % discount,
     * a gift card), since ERPNext refuses a Payment Entry of 0 ("Paid Amount is mandatory").
     *
     * @param salesInvoice the submitted Sales Invoice as ERPNext returned it (name, customer, grand_total,
     *                     outstanding_amount, debit_to)
     */
    public Optional<ObjectNode> receipt(ShopifyOrder order, ObjectNode salesInvoice) {
        BigDecimal amount = OrderDocuments.decimal(salesInvoice, "grand_total");
        if (amount.signum() == 0) {
            return Optional.empty();
        }
        String gateway = order.paymentGatewayNames().isEmpty() ? null : order.paymentGatewayNames().get(0);
        BigDecimal owed = salesInvoice.path("outstanding_amount").decimalValue().max(BigDecimal.ZERO);
        return Optional.of(entry("Receive", "paid_from", salesInvoice, amount, amount.min(owed))
                .put("paid_to", mapping.paymentAccountFor(gateway))
                .put("reference_no", order.displayName())
                .put("reference_date", OrderDocuments.text(salesInvoice, "posting_date"))
                .put("shopify_payment_key", orderPaymentKey(order.id())));
    }

    /**
     * The money a refund paid back, allocated against its credit note up to what the credit note still owes; empty
     * when no refund transaction succeeded or they add up to 0 (a restock-only refund, or money still pending).
     *
     * @param creditNote the submitted return Sales Invoice as ERPNext returned it (name, customer, posting_date,
     *                   outstanding_amount, debit_to)
     * @throws UnprocessableEventException when the refund paid back through more than one gateway (one entry cannot hold two
     *                          accounts)
     */
    public Optional<ObjectNode> refund(ShopifyRefund refund, ObjectNode creditNote) {
        List<ShopifyTransaction> transactions = refund.successfulRefundTransactions();
        List<String> gateways = transactions.stream().map(ShopifyTransaction::gateway).distinct().toList();
        if (gateways.size() > 1) {
            throw new UnprocessableEventException("refund " + refund.id() + " paid back through several gateways " + gateways
                    + ": one Payment Entry per refund cannot hold them");
        }
        BigDecimal amount = Money.sum(transactions.stream()
                .map(transaction -> Money.exact(transaction.amount(), "refund transaction " + transaction.id())).toList());
        if (amount.signum() == 0) {
            return Optional.empty();
        }
        // A credit note owes a negative amount, so what a refund pays is allocated as a negative amount.
        BigDecimal owed = creditNote.path("outstanding_amount").decimalValue().negate().max(BigDecimal.ZERO);
        return Optional.of(entry("Pay", "paid_to", creditNote, amount, amount.min(owed).negate())
                .put("paid_from", mapping.paymentAccountFor(gateways.get(0)))
                .put("reference_no", String.join(",", transactions.stream().map(t -> t.id().toString()).toList()))
                .put("reference_date", OrderDates.utcDate(refund.effectiveAt()))
                .put("shopify_payment_key", refundPaymentKey(refund.id())));
    }

    /**
     * The party's side is the invoice's own receivable (debit_to): ERPNext refuses a reference booked on another
     * account than the payment's party account (payment_entry.py validate_reference_documents).
     */
    private ObjectNode entry(String paymentType, String partyAccountField, ObjectNode invoice, BigDecimal amount,
                             BigDecimal allocated) {
        ObjectNode payment = ErpNextClient.objectMapper().createObjectNode()
                .put("payment_type", paymentType)
                .put("company", OrderDocuments.text(invoice, "company"))
                .put("posting_date", OrderDocuments.text(invoice, "posting_date"))
                .put("party_type", "Customer")
                .put("party", OrderDocuments.text(invoice, "customer"))
                .put("paid_amount", amount)
                .put("received_amount", amount)
                .put("docstatus", 1);
        mapping.namingSeriesFor(OrderDocuments.PAYMENT_ENTRY).ifPresent(series -> payment.put("naming_series", series));
        if (invoice.hasNonNull("debit_to")) {
            payment.put(partyAccountField, invoice.get("debit_to").asText());
        }
        OrderDocuments.putIfPresent(payment, "cost_center", invoice.path("cost_center").asText(""));
        if (allocated.signum() != 0) {
            payment.putArray("references").addObject()
                    .put("reference_doctype", SALES_INVOICE)
                    .put("reference_name", OrderDocuments.text(invoice, "name"))
                    .put("allocated_amount", allocated);
        }
        return payment;
    }
}
