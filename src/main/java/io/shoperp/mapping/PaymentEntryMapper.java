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
 * <li>{@code transaction:<transaction id>} for each sale or capture Shopify made (a split payment gives one per gateway,
 * a partial capture one per capture), referenced by the transaction id;</li>
 * <li>{@code order:<order id>} for the payment of an order when its transactions cannot be read (a shop without Admin
 * API access: orders/paid carries no transaction, so one receipt per order, referenced by the order name);</li>
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

    public static String transactionPaymentKey(long transactionId) {
        return "transaction:" + transactionId;
    }

    public static String refundPaymentKey(long refundId) {
        return "refund:" + refundId;
    }

    /**
     * The receipt of a paid order for what its invoice still owes, all of it allocated: the whole invoice unless part
     * was paid already (transaction entries from order_transactions/create, or someone in ERPNext), so the order is
     * never paid twice. Empty when the invoice owes nothing, e.g. an order of 0.00 (a 100 % discount, a gift card), since
     * ERPNext refuses a Payment Entry of 0 ("Paid Amount is mandatory").
     *
     * @param salesInvoice the submitted Sales Invoice as ERPNext returned it (name, customer, grand_total,
     *                     outstanding_amount, debit_to)
     */
    public Optional<ObjectNode> receipt(ShopifyOrder order, ObjectNode salesInvoice) {
        BigDecimal owed = OrderDocuments.decimal(salesInvoice, "outstanding_amount").min(
                OrderDocuments.decimal(salesInvoice, "grand_total"));
        if (owed.signum() <= 0) {
            return Optional.empty();
        }
        String gateway = order.paymentGatewayNames().isEmpty() ? null : order.paymentGatewayNames().get(0);
        return Optional.of(entry("Receive", "paid_from", SALES_INVOICE, salesInvoice,
                OrderDocuments.text(salesInvoice, "posting_date"), owed, owed)
                .put("paid_to", mapping.paymentAccountFor(gateway))
                .put("reference_no", order.displayName())
                .put("reference_date", OrderDocuments.text(salesInvoice, "posting_date"))
                .put("shopify_payment_key", orderPaymentKey(order.id())));
    }

    /**
     * The money one captured transaction (a sale or capture that succeeded) brought in, on its gateway's account, dated
     * when Shopify processed it. It is allocated to what {@code paying} still owes, never more (ERPNext refuses more
     * than the outstanding, "Allocated Amount cannot be greater than outstanding amount"); the rest stays an
     * unallocated advance of the customer. Empty for a transaction of 0.00 ("Paid Amount is mandatory").
     *
     * @param payingDoctype Sales Invoice once the order is invoiced; before that Sales Order, whose advance a Sales
     *                      Invoice made from it takes over (allocate_advances_automatically)
     * @param paying        the submitted document as ERPNext returned it (name, company, customer, and
     *                      outstanding_amount and debit_to on an invoice, grand_total and advance_paid on an order)
     * @throws UnprocessableEventException when the transaction is not a captured payment
     */
    public Optional<ObjectNode> capture(ShopifyTransaction transaction, String payingDoctype, ObjectNode paying) {
        if (!transaction.isCapturedPayment()) {
            throw new UnprocessableEventException("transaction " + transaction.id() + " (" + transaction.kind() + ", "
                    + transaction.status() + ") moved no money to the shop");
        }
        String currency = paying.path("currency").asText("");
        if (transaction.currency() != null && !currency.isEmpty() && !transaction.currency().equals(currency)) {
            // Shopify writes a transaction in the buyer's currency; booking that figure in the order's would be wrong.
            throw new UnprocessableEventException("transaction " + transaction.id() + " is in " + transaction.currency()
                    + " but " + payingDoctype + " " + paying.path("name").asText() + " in " + currency
                    + ": book it in ERPNext");
        }
        BigDecimal amount = Money.exact(transaction.amount(), "transaction " + transaction.id());
        if (amount.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal owed = (SALES_INVOICE.equals(payingDoctype) ? paying.path("outstanding_amount").decimalValue()
                : OrderDocuments.decimal(paying, "grand_total").subtract(paying.path("advance_paid").decimalValue()))
                .max(BigDecimal.ZERO);
        String date = transaction.processedAt() != null ? OrderDates.utcDate(transaction.processedAt())
                : OrderDocuments.text(paying, SALES_INVOICE.equals(payingDoctype) ? "posting_date" : "transaction_date");
        return Optional.of(entry("Receive", "paid_from", payingDoctype, paying, date, amount, amount.min(owed))
                .put("paid_to", mapping.paymentAccountFor(transaction.gateway()))
                .put("reference_no", transaction.id().toString())
                .put("reference_date", date)
                .put("shopify_payment_key", transactionPaymentKey(transaction.id())));
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
        return Optional.of(entry("Pay", "paid_to", SALES_INVOICE, creditNote, OrderDocuments.text(creditNote, "posting_date"),
                amount, amount.min(owed).negate())
                .put("paid_from", mapping.paymentAccountFor(gateways.get(0)))
                .put("reference_no", String.join(",", transactions.stream().map(t -> t.id().toString()).toList()))
                .put("reference_date", OrderDates.utcDate(refund.effectiveAt()))
                .put("shopify_payment_key", refundPaymentKey(refund.id())));
    }

    /**
     * The party's side is the invoice's own receivable (debit_to): ERPNext refuses a reference booked on another
     * account than the payment's party account (payment_entry.py validate_reference_documents). A Sales Order has
     * none; ERPNext then takes the party's default receivable account.
     */
    private ObjectNode entry(String paymentType, String partyAccountField, String referenceDoctype, ObjectNode invoice,
                             String postingDate, BigDecimal amount, BigDecimal allocated) {
        ObjectNode payment = ErpNextClient.objectMapper().createObjectNode()
                .put("payment_type", paymentType)
                .put("company", OrderDocuments.text(invoice, "company"))
                .put("posting_date", postingDate)
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
                    .put("reference_doctype", referenceDoctype)
                    .put("reference_name", OrderDocuments.text(invoice, "name"))
                    .put("allocated_amount", allocated);
        }
        return payment;
    }
}
