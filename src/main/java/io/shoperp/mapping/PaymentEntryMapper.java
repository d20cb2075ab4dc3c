package io.shoperp.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
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
     * The receipt of a paid order, allocated in full to its invoice.
     *
     * @param salesInvoice the submitted Sales Invoice as ERPNext returned it (name, customer, grand_total)
     */
    public ObjectNode receipt(ShopifyOrder order, ObjectNode salesInvoice) {
        String gateway = order.paymentGatewayNames().isEmpty() ? null : order.paymentGatewayNames().get(0);
        BigDecimal amount = OrderDocuments.decimal(salesInvoice, "grand_total");
        return entry("Receive", salesInvoice, amount, amount)
                .put("paid_to", mapping.paymentAccountFor(gateway))
                .put("reference_no", order.displayName())
                .put("reference_date", OrderDocuments.text(salesInvoice, "posting_date"))
                .put("shopify_payment_key", orderPaymentKey(order.id()));
    }

    /**
     * The money a refund paid back, allocated against its credit note; empty when no refund transaction succeeded
     * (a restock-only refund, or money still pending).
     *
     * @param creditNote the submitted return Sales Invoice as ERPNext returned it (name, customer, posting_date)
     * @throws MappingException when the refund paid back through more than one gateway (one entry cannot hold two
     *                          accounts)
     */
    public Optional<ObjectNode> refund(ShopifyRefund refund, ObjectNode creditNote) {
        List<ShopifyTransaction> transactions = refund.successfulRefundTransactions();
        if (transactions.isEmpty()) {
            return Optional.empty();
        }
        List<String> gateways = transactions.stream().map(ShopifyTransaction::gateway).distinct().toList();
        if (gateways.size() > 1) {
            throw new MappingException("refund " + refund.id() + " paid back through several gateways " + gateways
                    + ": one Payment Entry per refund cannot hold them");
        }
        BigDecimal amount = Money.sum(transactions.stream()
                .map(transaction -> Money.exact(transaction.amount(), "refund transaction " + transaction.id())).toList());
        return Optional.of(entry("Pay", creditNote, amount, amount.negate())
                .put("paid_from", mapping.paymentAccountFor(gateways.get(0)))
                .put("reference_no", String.join(",", transactions.stream().map(t -> t.id().toString()).toList()))
                .put("reference_date", OrderDates.utcDate(refund.effectiveAt()))
                .put("shopify_payment_key", refundPaymentKey(refund.id())));
    }

    /** A credit note's outstanding amount is negative, so what a refund pays is allocated as a negative amount. */
    private static ObjectNode entry(String paymentType, ObjectNode invoice, BigDecimal amount, BigDecimal allocated) {
        ObjectNode payment = ErpNextClient.objectMapper().createObjectNode()
                .put("payment_type", paymentType)
                .put("company", OrderDocuments.text(invoice, "company"))
                .put("posting_date", OrderDocuments.text(invoice, "posting_date"))
                .put("party_type", "Customer")
                .put("party", OrderDocuments.text(invoice, "customer"))
                .put("paid_amount", amount)
                .put("received_amount", amount)
                .put("docstatus", 1);
        payment.putArray("references").addObject()
                .put("reference_doctype", SALES_INVOICE)
                .put("reference_name", OrderDocuments.text(invoice, "name"))
                .put("allocated_amount", allocated);
        return payment;
    }
}
