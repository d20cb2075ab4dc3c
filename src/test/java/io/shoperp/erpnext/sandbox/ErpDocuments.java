package io.shoperp.erpnext.sandbox;

import java.math.BigDecimal;
import java.time.Year;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;

/** Minimal valid documents against the default seed (company Shop Co, warehouse Stores - SC, stock items). */
public final class ErpDocuments {

    public static final String COMPANY = "Shop Co";
    public static final String WAREHOUSE = "Stores - SC";
    public static final String RED_SHIRT = "TSHIRT-RED-M";
    public static final String BLUE_SHIRT = "TSHIRT-BLUE-L";

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();

    private ErpDocuments() {
    }

    public static ObjectNode customer(String shopifyCustomerId, String customerName) {
        return JSON.createObjectNode().put("customer_name", customerName).put("customer_type", "Individual")
                .put("customer_group", "Individual").put("territory", "United States")
                .put("shopify_customer_id", shopifyCustomerId);
    }

    public static ObjectNode salesOrder(String shopifyOrderId, String customer, String itemCode, int qty, String rate) {
        ObjectNode order = JSON.createObjectNode().put("customer", customer).put("company", COMPANY)
                .put("transaction_date", "2026-11-28").put("delivery_date", "2026-12-05").put("currency", "USD")
                .put("selling_price_list", "Standard Selling").put("shopify_order_id", shopifyOrderId);
        order.putArray("items").addObject().put("item_code", itemCode).put("qty", qty).put("rate", new BigDecimal(rate))
                .put("delivery_date", "2026-12-05").put("warehouse", WAREHOUSE);
        order.putArray("taxes").addObject().put("charge_type", "Actual").put("account_head", "Sales Tax - SC")
                .put("tax_amount", new BigDecimal("1.50")).put("description", "Sales tax");
        return order;
    }

    public static ObjectNode salesInvoice(String invoiceKey, String customer, String itemCode, int qty, String rate) {
        ObjectNode invoice = JSON.createObjectNode().put("customer", customer).put("company", COMPANY)
                .put("posting_date", "2026-11-28").put("posting_time", "10:00:00").put("set_posting_time", 1)
                .put("due_date", "2026-11-28").put("debit_to", "Debtors - SC").put("disable_rounded_total", 1)
                .put("shopify_invoice_key", invoiceKey);
        invoice.putArray("items").addObject().put("item_code", itemCode).put("qty", qty).put("rate", new BigDecimal(rate))
                .put("warehouse", WAREHOUSE);
        return invoice;
    }

    /** A credit note returning {@code qty} units of the original invoice's first row (sales_invoice_item). */
    public static ObjectNode creditNote(String refundKey, ObjectNode originalInvoice, String itemCode, int qty, String rate) {
        ObjectNode creditNote = salesInvoice(refundKey, originalInvoice.get("customer").asText(), itemCode, -qty, rate)
                .put("is_return", 1).put("return_against", originalInvoice.get("name").asText());
        ((ObjectNode) creditNote.get("items").get(0))
                .put("sales_invoice_item", originalInvoice.get("items").get(0).get("name").asText());
        return creditNote;
    }

    public static ObjectNode payment(String paymentKey, ObjectNode invoice, String amount) {
        ObjectNode payment = JSON.createObjectNode().put("payment_type", "Receive").put("party_type", "Customer")
                .put("party", invoice.get("customer").asText()).put("company", COMPANY)
                .put("paid_amount", new BigDecimal(amount)).put("received_amount", new BigDecimal(amount))
                .put("paid_to", "Shopify Payments - SC").put("reference_no", paymentKey)
                .put("reference_date", "2026-11-28").put("shopify_payment_key", paymentKey);
        payment.putArray("references").addObject().put("reference_doctype", "Sales Invoice")
                .put("reference_name", invoice.get("name").asText()).put("allocated_amount", new BigDecimal(amount));
        return payment;
    }

    public static ObjectNode deliveryNote(String fulfillmentId, String customer, String itemCode, int qty) {
        ObjectNode note = JSON.createObjectNode().put("customer", customer).put("company", COMPANY)
                .put("posting_date", "2026-11-28").put("posting_time", "10:00:00").put("set_posting_time", 1)
                .put("shopify_fulfillment_id", fulfillmentId);
        note.putArray("items").addObject().put("item_code", itemCode).put("qty", qty).put("rate", new BigDecimal("10.00"))
                .put("warehouse", WAREHOUSE);
        return note;
    }

    /** The name the sandbox gives the n-th Sales Order of its default series this year: "SAL-ORD-2026-00001". */
    public static String salesOrderName(int n) {
        return "SAL-ORD-" + Year.now(ZoneOffset.UTC) + String.format("-%05d", n);
    }

    public static ObjectNode customField(String doctype, String fieldname, String label, boolean unique) {
        return JSON.createObjectNode().put("dt", doctype).put("fieldname", fieldname).put("label", label)
                .put("fieldtype", "Data").put("unique", unique ? 1 : 0);
    }
}
