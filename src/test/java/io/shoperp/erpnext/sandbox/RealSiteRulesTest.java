package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.ErpDocuments.RED_SHIRT;
import static io.shoperp.erpnext.sandbox.ErpDocuments.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules a real ERPNext v15 enforces on the documents the bridge writes (docs/erpnext-sandbox.md), over raw HTTP:
 * each test shows ERPNext's answer, and where a setting switches the rule, its answer under both values.
 */
class RealSiteRulesTest {

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();
    private static final String ACME = "ACME";

    private ErpNextSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        http = new SandboxHttp(sandbox);
        post("Customer", ErpDocuments.customer("1", ACME));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void twoRowsOfOneItemWithOneDescriptionAreRefusedUnlessSellingSettingsAllowIt() {
        ObjectNode order = twoRows(ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 1, "10"));

        SandboxHttp.Answer refused = create("Sales Order", order);
        ((ObjectNode) order.get("items").get(1)).put("description", "T-shirt red M (second line)");
        SandboxHttp.Answer described = create("Sales Order", order.put("shopify_order_id", "2"));
        sandbox.useSettings(SandboxSettings.Preset.SETUP_WIZARD);
        SandboxHttp.Answer allowed = create("Sales Order", twoRows(ErpDocuments.salesOrder("3", ACME, RED_SHIRT, 1, "10")));

        assertThat(message(refused)).startsWith("Item <strong>" + RED_SHIRT + "</strong> entered multiple times.");
        assertThat(described.status()).isEqualTo(200);
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void aRowWithoutRateIsPricedFromThePriceListUnlessFullyDiscounted() {
        itemPrice(RED_SHIRT, "25.00");

        JsonNode priced = data(create("Sales Order", ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 1, "0")));
        ObjectNode free = ErpDocuments.salesOrder("2", ACME, RED_SHIRT, 1, "0");
        ((ObjectNode) free.get("items").get(0)).put("discount_percentage", 100);
        JsonNode kept = data(create("Sales Order", free));

        assertThat(priced.get("items").get(0).get("rate").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(priced.get("grand_total").decimalValue()).isEqualByComparingTo("26.50");
        assertThat(kept.get("grand_total").decimalValue()).isEqualByComparingTo("1.50");
    }

    @Test
    void theFirstRateOfAnUnpricedItemBecomesItsPriceOnlyWithAutoInsert() {
        create("Sales Order", ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 1, "18.33"));
        assertThat(sandbox.documents("Item Price")).isEmpty();

        sandbox.useSettings(SandboxSettings.Preset.SETUP_WIZARD);
        create("Sales Order", ErpDocuments.salesOrder("2", ACME, RED_SHIRT, 1, "18.33"));
        create("Sales Order", ErpDocuments.salesOrder("3", ACME, RED_SHIRT, 1, "20.00"));

        assertThat(sandbox.documents("Item Price")).singleElement()
                .satisfies(price -> assertThat(price.get("price_list_rate").decimalValue()).isEqualByComparingTo("18.33"));
    }

    @Test
    void anEmptyTaxTableIsFilledFromTheItemTaxTemplateAndAnyTaxRowKeepsItOut() {
        taxTemplate(RED_SHIRT, "10");
        ObjectNode untaxed = ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 2, "10");
        untaxed.putArray("taxes");
        ObjectNode zeroRow = ErpDocuments.salesOrder("2", ACME, RED_SHIRT, 2, "10");
        ((ObjectNode) zeroRow.get("taxes").get(0)).put("tax_amount", BigDecimal.ZERO);

        assertThat(data(create("Sales Order", untaxed)).get("grand_total").decimalValue()).isEqualByComparingTo("22.00");
        assertThat(data(create("Sales Order", zeroRow)).get("grand_total").decimalValue()).isEqualByComparingTo("20.00");
        sandbox.setting(SandboxSettings.ACCOUNTS, "add_taxes_from_item_tax_template", 0);
        assertThat(data(create("Sales Order", untaxed.put("shopify_order_id", "3"))).get("grand_total").decimalValue())
                .isEqualByComparingTo("20.00");
    }

    @Test
    void aCustomersPurchaseOrderNumberIsTakenOnceUnlessSellingSettingsAllowMore() {
        create("Sales Order", ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 1, "10").put("po_no", "#1001"));

        SandboxHttp.Answer again = create("Sales Order", ErpDocuments.salesOrder("2", ACME, RED_SHIRT, 1, "10")
                .put("po_no", "#1001"));
        sandbox.setting(SandboxSettings.SELLING, "allow_against_multiple_purchase_orders", 1);
        SandboxHttp.Answer allowed = create("Sales Order", ErpDocuments.salesOrder("3", ACME, RED_SHIRT, 1, "10")
                .put("po_no", "#1001"));

        assertThat(message(again)).startsWith("Sales Order " + ErpDocuments.salesOrderName(1) + " already exists against Customer's Purchase Order #1001.");
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void postingTimeIsTheServersWithoutSetPostingTimeAndItsTimeOfDayWhenOnlyTheDateIsSent() {
        sandbox.setting(SandboxSettings.SYSTEM, "time_zone", "Pacific/Kiritimati");
        sandbox.clock(Clock.fixed(Instant.parse("2026-11-28T11:30:00Z"), ZoneOffset.UTC));
        ObjectNode withoutTime = ErpDocuments.salesInvoice("1", ACME, RED_SHIRT, 1, "10");
        withoutTime.remove("posting_time");
        ObjectNode serverDated = ErpDocuments.salesInvoice("2", ACME, RED_SHIRT, 1, "10").put("set_posting_time", 0)
                .put("due_date", "2026-11-30");

        JsonNode timed = data(create("Sales Invoice", withoutTime));
        JsonNode dated = data(create("Sales Invoice", serverDated));

        assertThat(timed.get("posting_date").asText() + " " + timed.get("posting_time").asText())
                .isEqualTo("2026-11-28 01:30:00");
        assertThat(dated.get("posting_date").asText() + " " + dated.get("posting_time").asText())
                .isEqualTo("2026-11-29 01:30:00");
    }

    @Test
    void aReturnPostedBeforeWhatItReturnsIsRefused() {
        JsonNode invoice = data(create("Sales Invoice", ErpDocuments.salesInvoice("1", ACME, RED_SHIRT, 2, "10")
                .put("docstatus", 1)));

        SandboxHttp.Answer earlier = create("Sales Invoice", ErpDocuments.creditNote("R1", (ObjectNode) invoice, RED_SHIRT, 1,
                "10").put("posting_time", "09:59:59"));
        SandboxHttp.Answer same = create("Sales Invoice", ErpDocuments.creditNote("R2", (ObjectNode) invoice, RED_SHIRT, 1,
                "10"));

        assertThat(message(earlier)).isEqualTo("Posting timestamp must be after 2026-11-28 10:00:00");
        assertThat(same.status()).isEqualTo(200);
    }

    @Test
    void anInvoiceInAnotherCurrencyThanItsReceivableOrWithoutExchangeRateIsRefused() {
        SandboxHttp.Answer noRate = create("Sales Invoice", ErpDocuments.salesInvoice("1", ACME, RED_SHIRT, 1, "10")
                .put("currency", "EUR"));
        sandbox.seedDocument("Currency Exchange", JSON.createObjectNode().put("from_currency", "EUR")
                .put("to_currency", "USD").put("exchange_rate", new BigDecimal("1.08")).put("date", "2026-11-01"));
        SandboxHttp.Answer wrongReceivable = create("Sales Invoice", ErpDocuments.salesInvoice("2", ACME, RED_SHIRT, 1, "10")
                .put("currency", "EUR"));

        assertThat(message(noRate)).isEqualTo("Exchange Rate is mandatory. Maybe Currency Exchange record is not created"
                + " for EUR to USD.");
        assertThat(message(wrongReceivable)).isEqualTo("Party Account Debtors - SC currency (USD) and document currency"
                + " (EUR) should be same");
    }

    @Test
    void aReturnDeliveryNoteBringsStockBackWithinWhatLeftAndWithoutReservingItForTheOrderAgain() {
        JsonNode order = data(create("Sales Order", ErpDocuments.salesOrder("1", ACME, RED_SHIRT, 3, "10").put("docstatus", 1)));
        String orderRow = order.get("items").get(0).get("name").asText();
        assertThat(sandbox.reservedQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("3");
        ObjectNode shipped = ErpDocuments.deliveryNote("F1", ACME, RED_SHIRT, 3).put("docstatus", 1);
        ((ObjectNode) shipped.get("items").get(0)).put("against_sales_order", order.get("name").asText())
                .put("so_detail", orderRow);
        JsonNode note = data(create("Delivery Note", shipped));
        assertThat(sandbox.reservedQty(RED_SHIRT, WAREHOUSE)).isZero();

        SandboxHttp.Answer tooMany = create("Delivery Note", returnOf(note, 4, "R1"));
        create("Delivery Note", returnOf(note, 2, "R2"));
        JsonNode originalAfter = sandbox.document("Delivery Note", note.get("name").asText()).orElseThrow();

        assertThat(tooMany.body().get("exc_type").asText()).isEqualTo("StockOverReturnError");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("9");
        assertThat(originalAfter.get("items").get(0).get("returned_qty").decimalValue()).isEqualByComparingTo("2");
        assertThat(sandbox.reservedQty(RED_SHIRT, WAREHOUSE)).isZero();
    }

    @Test
    void aPaymentMustMoveMoneyAndAllocateWhatTheDocumentStillOwesInItsDirection() {
        JsonNode invoice = data(create("Sales Invoice", ErpDocuments.salesInvoice("1", ACME, RED_SHIRT, 2, "10")
                .put("docstatus", 1)));

        SandboxHttp.Answer nothing = create("Payment Entry", ErpDocuments.payment("P0", (ObjectNode) invoice, "0"));
        ObjectNode wrongSign = ErpDocuments.payment("P1", (ObjectNode) invoice, "5");
        ((ObjectNode) wrongSign.get("references").get(0)).put("allocated_amount", new BigDecimal("-5"));
        SandboxHttp.Answer negative = create("Payment Entry", wrongSign);
        create("Payment Entry", ErpDocuments.payment("P2", (ObjectNode) invoice, "20").put("docstatus", 1));
        SandboxHttp.Answer paidAlready = create("Payment Entry", ErpDocuments.payment("P3", (ObjectNode) invoice, "1"));
        SandboxHttp.Answer noReference = create("Payment Entry", ErpDocuments.payment("P4", (ObjectNode) invoice, "1")
                .put("reference_no", ""));

        assertThat(message(nothing)).isEqualTo("Paid Amount is mandatory");
        assertThat(message(negative)).isEqualTo("Cannot receive from customer against negative outstanding");
        assertThat(message(paidAlready)).isEqualTo("Sales Invoice " + invoice.get("name").asText()
                + " has already been fully paid.");
        assertThat(message(noReference)).isEqualTo("Reference No and Reference Date is mandatory for Bank transaction");
    }

    @Test
    void aStockReconciliationMustChangeSomethingAndValueWhatItAdds() {
        ObjectNode unchanged = reconciliation(RED_SHIRT, "10");
        ObjectNode unvalued = reconciliation("TSHIRT-BLUE-L", "9");
        sandbox.setActualQty("TSHIRT-BLUE-L", "Finished Goods - SC", BigDecimal.ZERO);
        ObjectNode elsewhere = reconciliation("TSHIRT-BLUE-L", "3");
        ((ObjectNode) elsewhere.get("items").get(0)).put("warehouse", "Finished Goods - SC");
        ObjectNode zeroValued = elsewhere.deepCopy();
        ((ObjectNode) zeroValued.get("items").get(0)).put("allow_zero_valuation_rate", 1);

        assertThat(create("Stock Reconciliation", unchanged).body().get("exc_type").asText())
                .isEqualTo("EmptyStockReconciliationItemsError");
        assertThat(create("Stock Reconciliation", unvalued).status()).as("valued by its stock").isEqualTo(200);
        assertThat(message(create("Stock Reconciliation", elsewhere)))
                .isEqualTo("Valuation Rate required for Item TSHIRT-BLUE-L at row 1");
        assertThat(create("Stock Reconciliation", zeroValued).status()).isEqualTo(200);
        assertThat(sandbox.actualQty("TSHIRT-BLUE-L", "Finished Goods - SC")).isEqualByComparingTo("3");
    }

    private static ObjectNode twoRows(ObjectNode order) {
        order.withArray("items").add(order.get("items").get(0).deepCopy());
        return order;
    }

    private ObjectNode returnOf(JsonNode note, int qty, String key) {
        ObjectNode returned = ErpDocuments.deliveryNote(key, ACME, RED_SHIRT, -qty).put("is_return", 1)
                .put("return_against", note.get("name").asText()).put("docstatus", 1);
        ((ObjectNode) returned.get("items").get(0)).put("dn_detail", note.get("items").get(0).get("name").asText());
        return returned;
    }

    private static ObjectNode reconciliation(String item, String qty) {
        ObjectNode reconciliation = JSON.createObjectNode().put("purpose", "Stock Reconciliation")
                .put("company", ErpDocuments.COMPANY).put("docstatus", 1);
        reconciliation.putArray("items").addObject().put("item_code", item).put("warehouse", WAREHOUSE)
                .put("qty", new BigDecimal(qty));
        return reconciliation;
    }

    private void itemPrice(String item, String rate) {
        sandbox.seedDocument("Item Price", JSON.createObjectNode().put("item_code", item)
                .put("price_list", "Standard Selling").put("price_list_rate", new BigDecimal(rate)));
    }

    private void taxTemplate(String item, String rate) {
        ObjectNode template = JSON.createObjectNode().put("name", "Tax " + rate);
        template.putArray("taxes").addObject().put("tax_type", "Sales Tax - SC").put("tax_rate", new BigDecimal(rate));
        sandbox.seedDocument("Item Tax Template", template);
        ObjectNode taxed = sandbox.document("Item", item).orElseThrow();
        taxed.putArray("taxes").addObject().put("item_tax_template", "Tax " + rate);
        sandbox.seedDocument("Item", taxed);
    }

    private SandboxHttp.Answer create(String doctype, ObjectNode document) {
        return http.call("POST", "/api/resource/" + doctype.replace(" ", "%20"), document.toString());
    }

    private JsonNode post(String doctype, ObjectNode document) {
        return data(create(doctype, document));
    }

    private static JsonNode data(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("data");
    }

    private static String message(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(417);
        try {
            JsonNode messages = JSON.readTree(answer.body().get("_server_messages").asText());
            return JSON.readTree(messages.get(0).asText()).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError("no _server_messages in " + answer.body(), e);
        }
    }
}
