package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;
import io.shoperp.support.ShopifyWebhookClient;
import io.shoperp.support.TestOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a merchant's accountant checks on the documents of an order, over HTTP into the application on MariaDB and
 * the ERPNext sandbox with its real-ERPNext rules: the order's addresses (linked, not copied per order), the
 * configured Cost Center on every row, the configured naming series, Shopify's per-line taxes in the item-wise tax
 * detail, and the order's note and tags.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderAccountingMariaDbTest {

    private static final AtomicLong NEXT_ORDER = new AtomicLong(9_007_199_254_760_000L);
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final String STORES = "Stores - SC";
    private static final String ONLINE = "Online - SC";
    private static final String YEAR = Year.now(ZoneOffset.UTC).toString();
    private static final String SECOND_SHOP = "second-shop.myshopify.com";
    private static final String SECOND_GUEST = "Second Shop Guest";

    private SandboxedApp env;

    @BeforeAll
    void start() {
        env = SandboxedApp.start(MariaDbServer.get().createSchema("order_accounting"), Map.ofEntries(
                Map.entry("erpnext.cost-center", ONLINE),
                Map.entry("erpnext.naming-series.sales-order", "SO-WEB-.YYYY.-"),
                Map.entry("erpnext.naming-series.sales-invoice", "SINV-WEB-.YYYY.-"),
                Map.entry("erpnext.naming-series.delivery-note", "DN-WEB-.YYYY.-"),
                Map.entry("erpnext.naming-series.payment-entry", "PAY-WEB-.YYYY.-"),
                Map.entry("erpnext.tax-accounts.VAT", "Sales Tax - SC"),
                // A second shop booked to a company of its own: its keys over the global ones.
                Map.entry("shopify.shops[1].domain", SECOND_SHOP),
                Map.entry("shopify.shops[1].webhook-secrets[0]", ShopifyWebhookClient.SECRET),
                Map.entry("shopify.shops[1].erpnext.company", "Second Co"),
                Map.entry("shopify.shops[1].erpnext.warehouse", "Stores - S2"),
                Map.entry("shopify.shops[1].erpnext.cost-center", "Main - S2"),
                Map.entry("shopify.shops[1].erpnext.tax-accounts.VAT", "Sales Tax - S2"),
                Map.entry("shopify.shops[1].erpnext.default-tax-account", "Sales Tax - S2"),
                Map.entry("shopify.shops[1].erpnext.shipping-account", "Freight and Forwarding Charges - S2"),
                Map.entry("shopify.shops[1].erpnext.default-payment-account", "Shopify Payments - S2"),
                Map.entry("shopify.shops[1].erpnext.guest-customer", SECOND_GUEST),
                Map.entry("shopify.shops[1].erpnext.naming-series.sales-order", "SO-S2-.YYYY.-")));
        ProcessingSettings.seedGuestCustomer(env.sandbox());
        env.sandbox().seedDocument("Customer", ErpDocuments.customer("", SECOND_GUEST).put("name", SECOND_GUEST)
                .without("shopify_customer_id"));
        for (String sku : List.of("ACC-MUG", "ACC-CAP")) {
            env.sandbox().seedDocument("Item", ErpNextClient.objectMapper().createObjectNode().put("name", sku)
                    .put("item_code", sku).put("item_name", sku).put("item_group", "Products").put("stock_uom", "Nos")
                    .put("is_stock_item", 1));
            env.sandbox().setActualQty(sku, STORES, new BigDecimal("100"));
            env.sandbox().setValuationRate(sku, STORES, new BigDecimal("4.00"));
        }
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void everyDocumentOfAPaidAndShippedOrderCarriesItsAddressesCostCenterSeriesAndTaxDetail() {
        long orderId = NEXT_ORDER.addAndGet(10);
        long customerId = orderId + 5;
        TestOrder order = taxedOrder(TestOrder.ofCustomer(orderId, "#4001", T0, customerId), orderId)
                .address("billing_address", "1 Ledger Lane", "Boston", "02110", "US", "United States")
                .address("shipping_address", "9 Dock Road", "Hamburg", "20457", "DE", "Germany")
                .noteAndTags("Please gift wrap", "vip, wholesale")
                .fulfilled(orderId + 8, T0.plusSeconds(120));

        String paid = send("orders/paid", order.json());
        awaitFinished(paid);

        assertThat(env.status(paid)).as(env.statusReason(paid)).isEqualTo("DONE");
        ObjectNode salesOrder = single("Sales Order", "shopify_order_id", orderId);
        ObjectNode invoice = single("Sales Invoice", "shopify_invoice_key", orderId);
        ObjectNode payment = single("Payment Entry", "shopify_payment_key", "order:" + orderId);
        ObjectNode delivery = single("Delivery Note", "shopify_fulfillment_id", orderId + 8);
        String customer = salesOrder.path("customer").asText();

        String billing = salesOrder.path("customer_address").asText();
        String shipping = salesOrder.path("shipping_address_name").asText();
        assertThat(billing).isNotBlank().isNotEqualTo(shipping);
        ObjectNode billingAddress = address(billing);
        assertThat(billingAddress.path("address_line1").asText()).isEqualTo("1 Ledger Lane");
        assertThat(billingAddress.path("country").asText()).isEqualTo("United States");
        assertThat(linkedCustomers(billingAddress)).containsExactly(customer);
        ObjectNode shippingAddress = address(shipping);
        assertThat(shippingAddress.path("address_line1").asText()).isEqualTo("9 Dock Road");
        assertThat(shippingAddress.path("address_type").asText()).isEqualTo("Shipping");
        assertThat(linkedCustomers(shippingAddress)).containsExactly(customer);
        for (ObjectNode following : List.of(invoice, delivery)) {
            assertThat(following.path("customer_address").asText()).isEqualTo(billing);
            assertThat(following.path("shipping_address_name").asText()).isEqualTo(shipping);
        }

        assertThat(salesOrder.path("name").asText()).startsWith("SO-WEB-" + YEAR + "-");
        assertThat(invoice.path("name").asText()).startsWith("SINV-WEB-" + YEAR + "-");
        assertThat(delivery.path("name").asText()).startsWith("DN-WEB-" + YEAR + "-");
        assertThat(payment.path("name").asText()).startsWith("PAY-WEB-" + YEAR + "-");

        for (ObjectNode document : List.of(salesOrder, invoice, delivery)) {
            assertThat(rows(document, "items")).allSatisfy(row ->
                    assertThat(row.path("cost_center").asText()).as(document.path("name").asText()).isEqualTo(ONLINE));
            assertThat(rows(document, "taxes")).allSatisfy(row ->
                    assertThat(row.path("cost_center").asText()).as(document.path("name").asText()).isEqualTo(ONLINE));
        }
        assertThat(payment.path("cost_center").asText()).isEqualTo(ONLINE);

        assertThat(salesOrder.path("grand_total").decimalValue()).isEqualByComparingTo(order.json().path("total_price").asText());
        for (ObjectNode document : List.of(salesOrder, invoice)) {
            JsonNode vat = rows(document, "taxes").stream()
                    .filter(row -> row.path("description").asText().equals("VAT")).findFirst().orElseThrow();
            JsonNode detail = parse(vat.path("item_wise_tax_detail").asText());
            assertThat(detail.path("ACC-MUG").get(1).decimalValue()).isEqualByComparingTo("3.80");
            assertThat(detail.path("ACC-MUG").get(0).decimalValue()).isEqualByComparingTo("19");
            assertThat(detail.path("ACC-CAP").get(1).decimalValue()).isEqualByComparingTo("1.90");
            assertThat(detail.path("Shipping").get(1).decimalValue()).isEqualByComparingTo("0.95");
            BigDecimal detailed = BigDecimal.ZERO;
            for (JsonNode share : detail) {
                detailed = detailed.add(share.get(1).decimalValue());
            }
            assertThat(detailed).isEqualByComparingTo(vat.path("tax_amount").decimalValue());
        }

        assertThat(salesOrder.path("shopify_order_note").asText()).isEqualTo("Please gift wrap");
        assertThat(salesOrder.path("shopify_order_tags").asText()).isEqualTo("vip, wholesale");
    }

    @Test
    void anAddressUsedAgainIsTheSameAddressForTheCustomerAndForGuests() {
        long first = NEXT_ORDER.addAndGet(10);
        long second = NEXT_ORDER.addAndGet(10);
        long customerId = first + 5;
        String one = send("orders/create", pending(TestOrder.ofCustomer(first, "#4002", T0, customerId), first)
                .address("billing_address", "5 Repeat Street", "Denver", "80202", "US", "United States")
                .address("shipping_address", "5 Repeat Street", "Denver", "80202", "US", "United States").json());
        awaitFinished(one);
        String again = send("orders/create", pending(TestOrder.ofCustomer(second, "#4003", T0, customerId), second)
                .address("billing_address", "5 Repeat Street", "Denver", "80202", "US", "United States").json());
        long guestFirst = NEXT_ORDER.addAndGet(10);
        long guestSecond = NEXT_ORDER.addAndGet(10);
        String guestOne = send("orders/create", pending(TestOrder.guest(guestFirst, "#4004", T0), guestFirst)
                .address("shipping_address", "7 Guest Court", "Austin", "73301", "US", "United States").json());
        String guestTwo = send("orders/create", pending(TestOrder.guest(guestSecond, "#4005", T0), guestSecond)
                .address("shipping_address", "7 Guest Court", "Austin", "73301", "US", "United States").json());
        awaitFinished(again, guestOne, guestTwo);

        ObjectNode firstOrder = single("Sales Order", "shopify_order_id", first);
        ObjectNode secondOrder = single("Sales Order", "shopify_order_id", second);
        assertThat(firstOrder.path("shipping_address_name").asText()).isEqualTo(firstOrder.path("customer_address").asText());
        assertThat(secondOrder.path("customer_address").asText()).isEqualTo(firstOrder.path("customer_address").asText());
        assertThat(addressesOf(firstOrder.path("customer").asText())).hasSize(1);

        String guestAddress = single("Sales Order", "shopify_order_id", guestFirst).path("shipping_address_name").asText();
        assertThat(guestAddress).isNotBlank();
        assertThat(single("Sales Order", "shopify_order_id", guestSecond).path("shipping_address_name").asText())
                .isEqualTo(guestAddress);
        assertThat(addressesOf(ProcessingSettings.GUEST_CUSTOMER)).extracting(doc -> doc.path("address_line1").asText())
                .containsOnlyOnce("7 Guest Court");
        assertThat(env.sandbox().requestCount("PUT", "Address")).as("an Address found again is not rewritten").isZero();
    }

    @Test
    void twoShopsBookToTwoCompaniesEachWithItsOwnAccountsWarehouseAndSeries() {
        long first = NEXT_ORDER.addAndGet(10);
        long second = NEXT_ORDER.addAndGet(10);
        String ofFirstShop = send("orders/paid", taxedOrder(TestOrder.guest(first, "#1001", T0), first).json());
        String ofSecondShop = UUID.randomUUID().toString();
        assertThat(env.shopify().send(env.shopify().delivery("orders/paid", ofSecondShop,
                        taxedOrder(TestOrder.guest(second, "#1001", T0), second).json().toString())
                .header(ShopifyHeaders.SHOP_DOMAIN, SECOND_SHOP)).statusCode()).isEqualTo(200);
        awaitFinished(ofFirstShop, ofSecondShop);

        ObjectNode firstOrder = single("Sales Order", "shopify_order_id", first);
        ObjectNode secondOrder = single("Sales Order", "shopify_order_id", second);
        assertThat(firstOrder.path("company").asText()).isEqualTo("Shop Co");
        assertThat(firstOrder.path("customer").asText()).isEqualTo(ProcessingSettings.GUEST_CUSTOMER);
        assertThat(secondOrder.path("company").asText()).isEqualTo("Second Co");
        assertThat(secondOrder.path("customer").asText()).isEqualTo(SECOND_GUEST);
        assertThat(secondOrder.path("name").asText()).startsWith("SO-S2-" + YEAR + "-");
        assertThat(rows(secondOrder, "items")).allSatisfy(row -> {
            assertThat(row.path("warehouse").asText()).isEqualTo("Stores - S2");
            assertThat(row.path("cost_center").asText()).isEqualTo("Main - S2");
        });
        assertThat(rows(secondOrder, "taxes")).extracting(row -> row.path("account_head").asText())
                .containsExactlyInAnyOrder("Sales Tax - S2", "Freight and Forwarding Charges - S2");

        ObjectNode secondInvoice = single("Sales Invoice", "shopify_invoice_key", second);
        assertThat(secondInvoice.path("company").asText()).isEqualTo("Second Co");
        assertThat(secondInvoice.path("debit_to").asText()).isEqualTo("Debtors - S2");
        assertThat(secondInvoice.path("outstanding_amount").decimalValue()).isEqualByComparingTo("0");
        ObjectNode secondPayment = single("Payment Entry", "shopify_payment_key", "order:" + second);
        assertThat(secondPayment.path("paid_to").asText()).isEqualTo("Shopify Payments - S2");
        assertThat(secondPayment.path("company").asText()).isEqualTo("Second Co");
        assertThat(single("Payment Entry", "shopify_payment_key", "order:" + first).path("paid_to").asText())
                .isEqualTo("Shopify Payments - SC");
    }

    /** Two taxed lines (VAT 19 %) and taxed shipping, paid. */
    private static TestOrder taxedOrder(TestOrder order, long orderId) {
        return order.line(orderId + 1, "ACC-MUG", 2, "10.00", "0.00").lineTax("VAT", "0.19", "3.80")
                .line(orderId + 2, "ACC-CAP", 1, "10.00", "0.00").lineTax("VAT", "0.19", "1.90")
                .shipping("Standard", "5.00", "VAT", "0.19", "0.95");
    }

    private static TestOrder pending(TestOrder order, long orderId) {
        return order.financialStatus("pending").line(orderId + 1, "ACC-MUG", 1, "10.00", "0.00");
    }

    private ObjectNode address(String name) {
        return env.sandbox().documents("Address").stream().filter(doc -> doc.path("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private List<ObjectNode> addressesOf(String customer) {
        return env.sandbox().documents("Address").stream().filter(doc -> linkedCustomers(doc).contains(customer)).toList();
    }

    private static List<String> linkedCustomers(JsonNode address) {
        List<String> customers = new ArrayList<>();
        address.path("links").forEach(link -> customers.add(link.path("link_name").asText()));
        return customers;
    }

    private static List<JsonNode> rows(JsonNode document, String table) {
        List<JsonNode> rows = new ArrayList<>();
        document.path(table).forEach(rows::add);
        assertThat(rows).as(table + " of " + document.path("name").asText()).isNotEmpty();
        return rows;
    }

    private static JsonNode parse(String json) {
        try {
            return ErpNextClient.objectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private String send(String topic, JsonNode payload) {
        return env.deliver(topic, payload.toString());
    }

    private void awaitFinished(String... webhookIds) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(List.of(webhookIds))
                .allSatisfy(id -> assertThat(env.status(id)).isIn("DONE", "IGNORED", "DEAD")));
        assertThat(List.of(webhookIds)).allSatisfy(id -> assertThat(env.status(id)).as(env.statusReason(id)).isEqualTo("DONE"));
    }

    private ObjectNode single(String doctype, String key, Object value) {
        List<ObjectNode> matches = env.sandbox().documents(doctype).stream()
                .filter(doc -> doc.path(key).asText().equals(String.valueOf(value))).toList();
        assertThat(matches).as(doctype + " with " + key + "=" + value).hasSize(1);
        return matches.get(0);
    }
}
