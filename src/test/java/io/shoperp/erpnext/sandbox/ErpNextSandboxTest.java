package io.shoperp.erpnext.sandbox;

import static io.shoperp.erpnext.sandbox.ErpDocuments.BLUE_SHIRT;
import static io.shoperp.erpnext.sandbox.ErpDocuments.RED_SHIRT;
import static io.shoperp.erpnext.sandbox.ErpDocuments.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox against the facts of frappe-rest.md, over raw HTTP. */
class ErpNextSandboxTest {

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();

    private ErpNextSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void missingAuthorizationIsGuestForbiddenAndWrongSecretIsUnauthenticated() {
        assertError(http.call("GET", "/api/resource/Item", null, null), 403, "PermissionError");
        assertError(http.call("GET", "/api/resource/Item", null, "token sandbox-key:wrong"), 401, "AuthenticationError");
        String basic = Base64.getEncoder().encodeToString("sandbox-key:sandbox-secret".getBytes());
        assertThat(http.call("GET", "/api/resource/Item", null, "Basic " + basic).status()).isEqualTo(200);
    }

    @Test
    void errorBodyCarriesExcTypeExceptionAndServerMessages() throws Exception {
        SandboxHttp.Answer answer = http.call("GET", "/api/resource/Sales%20Order/SO-09999", null);

        assertError(answer, 404, "DoesNotExistError");
        assertThat(answer.body().get("exception").asText()).startsWith("frappe.exceptions.DoesNotExistError: ");
        JsonNode messages = JSON.readTree(answer.body().get("_server_messages").asText());
        assertThat(JSON.readTree(messages.get(0).asText()).get("message").asText()).isEqualTo("Sales Order SO-09999 not found");
    }

    @Test
    void postAnswers200WithTheDocumentNamedBySeriesAndWithoutNulls() {
        ObjectNode order = ErpDocuments.salesOrder("1001", createCustomer("1", "ACME"), RED_SHIRT, 2, "19.99");
        order.putNull("po_no");

        SandboxHttp.Answer first = http.call("POST", "/api/resource/Sales%20Order", order.toString());
        SandboxHttp.Answer second = http.call("POST", "/api/resource/Sales%20Order",
                ErpDocuments.salesOrder("1002", "ACME", RED_SHIRT, 1, "19.99").toString());

        assertThat(first.status()).isEqualTo(200);
        JsonNode created = first.body().get("data");
        assertThat(created.get("name").asText()).isEqualTo(ErpDocuments.salesOrderName(1));
        assertThat(second.body().get("data").get("name").asText()).isEqualTo(ErpDocuments.salesOrderName(2));
        assertThat(created.has("po_no")).isFalse();
        assertThat(created.get("docstatus").asInt()).isZero();
        assertThat(created.get("modified").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        assertThat(created.get("grand_total").decimalValue()).isEqualByComparingTo("41.48");
        assertThat(created.get("items").get(0).get("parent").asText()).isEqualTo(ErpDocuments.salesOrderName(1));
    }

    /** item_price.py: uom and currency filled in, and check_duplicates refuses a second general price. */
    @Test
    void aSecondItemPriceOfTheSameItemListAndUomIsRefusedAsADuplicate() {
        String price = JSON.createObjectNode().put("item_code", RED_SHIRT).put("price_list", "Standard Selling")
                .put("price_list_rate", 19.99).toString();

        SandboxHttp.Answer first = http.call("POST", "/api/resource/Item%20Price", price);
        SandboxHttp.Answer second = http.call("POST", "/api/resource/Item%20Price", price);
        SandboxHttp.Answer forACustomer = http.call("POST", "/api/resource/Item%20Price",
                JSON.createObjectNode().put("item_code", RED_SHIRT).put("price_list", "Standard Selling")
                        .put("customer", createCustomer("7", "Wholesale")).put("price_list_rate", 15).toString());
        SandboxHttp.Answer edited = http.call("PUT", "/api/resource/Item%20Price/"
                + first.body().path("data").path("name").asText(), "{\"price_list_rate\": 21}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("data").path("uom").asText()).isEqualTo("Nos");
        assertThat(first.body().path("data").path("currency").asText()).isEqualTo("USD");
        assertError(second, 417, "ItemPriceDuplicateItem");
        assertThat(forACustomer.status()).isEqualTo(200);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(sandbox.documents("Item Price")).hasSize(2);
    }

    @Test
    void customerWithAnExistingNameIsRenamedNotRejected() {
        assertThat(createCustomer("1", "ACME")).isEqualTo("ACME");
        assertThat(createCustomer("2", "ACME")).isEqualTo("ACME - 1");
        assertThat(createCustomer("3", "ACME")).isEqualTo("ACME - 2");
    }

    @Test
    void customerWithEmailOrMobileAndNoPrimaryContactGetsAContactOfErpNextsOwn() {
        ObjectNode created = post("Customer", ErpDocuments.customer("1", "ACME").put("email_id", "acme@example.com")
                .put("mobile_no", "+15550100"));

        String contactName = created.get("customer_primary_contact").asText();
        ObjectNode contact = sandbox.document("Contact", contactName).orElseThrow();
        assertThat(contact.get("email_ids").get(0).get("email_id").asText()).isEqualTo("acme@example.com");
        assertThat(contact.get("phone_nos").get(0).get("phone").asText()).isEqualTo("+15550100");
        assertThat(contact.get("links").get(0).get("link_name").asText()).isEqualTo("ACME");
        assertThat(sandbox.document("Customer", "ACME").orElseThrow().get("customer_primary_contact").asText())
                .isEqualTo(contactName);

        http.call("PUT", "/api/resource/Customer/ACME", "{\"mobile_no\": \"+15550199\"}");
        post("Customer", ErpDocuments.customer("2", "Bea"));
        post("Customer", ErpDocuments.customer("3", "Cy").put("email_id", "cy@example.com")
                .put("customer_primary_contact", contactName));
        assertThat(sandbox.documents("Contact")).as("one per customer without a primary contact that has email or mobile")
                .hasSize(1);
    }

    @Test
    void customerUpdateGivingEmailToACustomerWithoutPrimaryContactCreatesOne() {
        createCustomer("1", "ACME");

        http.call("PUT", "/api/resource/Customer/ACME", "{\"email_id\": \"acme@example.com\"}");

        assertThat(sandbox.documents("Contact")).singleElement().satisfies(contact ->
                assertThat(contact.get("links").get(0).get("link_name").asText()).isEqualTo("ACME"));
    }

    @Test
    void itemWithAnExistingItemCodeIs409DuplicateEntry() {
        String item = JSON.createObjectNode().put("item_code", RED_SHIRT).put("item_group", "Products")
                .put("stock_uom", "Nos").toString();

        SandboxHttp.Answer answer = http.call("POST", "/api/resource/Item", item);

        assertError(answer, 409, "DuplicateEntryError");
        assertThat(sandbox.documents("Item")).hasSize(3);
    }

    @Test
    void uniqueCustomFieldRejectsASecondDocumentWithTheSameValueOnPostAndPut() {
        createUniqueOrderIdField();
        createCustomer("1", "ACME");
        http.call("POST", "/api/resource/Sales%20Order", ErpDocuments.salesOrder("1001", "ACME", RED_SHIRT, 1, "5").toString());
        String other = http.call("POST", "/api/resource/Sales%20Order",
                ErpDocuments.salesOrder("1002", "ACME", RED_SHIRT, 1, "5").toString()).body().get("data").get("name").asText();

        SandboxHttp.Answer duplicate = http.call("POST", "/api/resource/Sales%20Order",
                ErpDocuments.salesOrder("1001", "ACME", RED_SHIRT, 1, "5").toString());
        SandboxHttp.Answer duplicateByUpdate = http.call("PUT", "/api/resource/Sales%20Order/" + other,
                "{\"shopify_order_id\":\"1001\"}");

        assertError(duplicate, 417, "UniqueValidationError");
        assertThat(duplicate.body().get("exception").asText()).contains("for key 'shopify_order_id'");
        assertThat(message(duplicate)).isEqualTo("Shopify Order ID must be unique");
        assertError(duplicateByUpdate, 417, "UniqueValidationError");
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void racingPostsWithOneUniqueValueLeaveOneDocument() throws Exception {
        createUniqueOrderIdField();
        createCustomer("1", "ACME");
        String order = ErpDocuments.salesOrder("1001", "ACME", RED_SHIRT, 1, "5").toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return http.call("POST", "/api/resource/Sales%20Order", order).status();
            }, pool));
        }
        go.countDown();
        List<Integer> answers = statuses.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(answers).containsOnlyOnce(200).containsOnly(200, 417);
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void creatingTheSameCustomFieldTwiceIs417() {
        createUniqueOrderIdField();

        SandboxHttp.Answer again = http.call("POST", "/api/resource/Custom%20Field",
                ErpDocuments.customField("Sales Order", "shopify_order_id", "Shopify Order ID", true).toString());

        assertError(again, 417, "ValidationError");
        assertThat(message(again)).contains("already exists");
        assertThat(sandbox.document("Custom Field", "Sales Order-shopify_order_id")).isPresent();
    }

    @Test
    void missingMandatoryFieldAndUnknownLinkAre417() {
        ObjectNode withoutCompany = ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 1, "5");
        createCustomer("1", "ACME");
        withoutCompany.remove("company");
        ObjectNode unknownCustomer = ErpDocuments.salesOrder("2", "Nobody", RED_SHIRT, 1, "5");
        ObjectNode unknownAccount = ErpDocuments.salesOrder("3", "ACME", RED_SHIRT, 1, "5");
        ((ObjectNode) unknownAccount.get("taxes").get(0)).put("account_head", "VAT - XX");

        assertError(http.call("POST", "/api/resource/Sales%20Order", withoutCompany.toString()), 417, "MandatoryError");
        SandboxHttp.Answer customer = http.call("POST", "/api/resource/Sales%20Order", unknownCustomer.toString());
        assertError(customer, 417, "LinkValidationError");
        assertThat(message(customer)).isEqualTo("Could not find Customer: Nobody");
        assertError(http.call("POST", "/api/resource/Sales%20Order", unknownAccount.toString()), 417, "LinkValidationError");
        assertThat(sandbox.documents("Sales Order")).isEmpty();
    }

    @Test
    void deliveryDateBeforeOrderDateIs417() {
        createCustomer("1", "ACME");
        ObjectNode order = ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 1, "5").put("delivery_date", "2026-11-01");

        SandboxHttp.Answer answer = http.call("POST", "/api/resource/Sales%20Order", order.toString());

        assertError(answer, 417, "ValidationError");
        assertThat(message(answer)).isEqualTo("Expected Delivery Date should be after Sales Order Date");
    }

    @Test
    void docstatusMovesOnlyFromDraftToSubmittedToCancelled() {
        createCustomer("1", "ACME");
        String order = "/api/resource/Sales%20Order/" + post("Sales Order", ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 1, "5"))
                .get("name").asText();

        assertError(http.call("PUT", order, "{\"docstatus\":2}"), 417, "DocstatusTransitionError");
        assertThat(http.call("PUT", order, "{\"docstatus\":1}").body().get("data").get("docstatus").asInt()).isEqualTo(1);
        assertThat(http.call("PUT", order, "{\"docstatus\":1}").status()).isEqualTo(200);
        assertError(http.call("PUT", order, "{\"docstatus\":0}"), 417, "DocstatusTransitionError");
        assertError(http.call("PUT", order, "{\"po_no\":\"X\"}"), 417, "UpdateAfterSubmitError");
        assertError(http.call("DELETE", order, null), 417, "ValidationError");
        assertThat(http.call("PUT", order, "{\"docstatus\":2}").body().get("data").get("docstatus").asInt()).isEqualTo(2);
        assertError(http.call("PUT", order, "{\"docstatus\":2}"), 417, "ValidationError");
        SandboxHttp.Answer deleted = http.call("DELETE", order, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.body().get("data").asText()).isEqualTo("ok");
    }

    @Test
    void postWithDocstatusOneInsertsAndSubmits() {
        createCustomer("1", "ACME");
        ObjectNode order = ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 1, "5").put("docstatus", 1);

        assertThat(post("Sales Order", order).get("docstatus").asInt()).isEqualTo(1);
    }

    @Test
    void putReplacesAChildTableKeepingNamedRowsAndDroppingUnlistedOnes() {
        createCustomer("1", "ACME");
        ObjectNode order = ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 1, "5");
        order.withArray("items").addObject().put("item_code", BLUE_SHIRT).put("qty", 1).put("rate", 7)
                .put("warehouse", WAREHOUSE);
        JsonNode created = post("Sales Order", order);
        ObjectNode change = JSON.createObjectNode();
        change.putArray("items").addObject().put("name", created.get("items").get(0).get("name").asText()).put("qty", 3);
        change.withArray("items").addObject().put("item_code", "SHIPPING").put("qty", 1).put("rate", 4);

        JsonNode updated = http.call("PUT", "/api/resource/Sales%20Order/" + created.get("name").asText(), change.toString())
                .body().get("data");

        JsonNode items = updated.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("item_code").asText()).isEqualTo(RED_SHIRT);
        assertThat(items.get(0).get("qty").asInt()).isEqualTo(3);
        assertThat(items.get(1).get("item_code").asText()).isEqualTo("SHIPPING");
        assertThat(items.get(1).get("idx").asInt()).isEqualTo(2);
        assertThat(updated.get("modified").asText()).isGreaterThan(created.get("modified").asText());
    }

    @Test
    void listHonoursFieldsFiltersOrderAndPageLength() {
        createCustomer("7", "Zed");
        createCustomer("8", "Amy");
        createCustomer("9", "Bob");
        String filters = URLEncoder.encode("[[\"shopify_customer_id\",\"in\",[\"8\",\"9\"]]]", StandardCharsets.UTF_8);
        String fields = URLEncoder.encode("[\"name\",\"shopify_customer_id\"]", StandardCharsets.UTF_8);

        JsonNode rows = http.call("GET", "/api/resource/Customer?fields=" + fields + "&filters=" + filters
                + "&order_by=customer_name%20asc", null).body().get("data");
        JsonNode firstOnly = http.call("GET", "/api/resource/Customer?order_by=modified%20desc&limit_page_length=1", null)
                .body().get("data");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("name").asText()).isEqualTo("Amy");
        assertThat(rows.get(0).get("shopify_customer_id").asText()).isEqualTo("8");
        assertThat(rows.get(0).has("customer_group")).isFalse();
        assertThat(firstOnly).hasSize(1);
        assertThat(firstOnly.get(0).get("name").asText()).isEqualTo("Bob");
    }

    @Test
    void submittedDeliveryNoteTakesStockAndRefusesToGoNegative() {
        createCustomer("1", "ACME");
        String note = post("Delivery Note", ErpDocuments.deliveryNote("F1", "ACME", RED_SHIRT, 4)).get("name").asText();
        String tooBig = post("Delivery Note", ErpDocuments.deliveryNote("F2", "ACME", RED_SHIRT, 7)).get("name").asText();

        http.call("PUT", "/api/resource/Delivery%20Note/" + note, "{\"docstatus\":1}");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("6");
        SandboxHttp.Answer negative = http.call("PUT", "/api/resource/Delivery%20Note/" + tooBig, "{\"docstatus\":1}");

        assertError(negative, 417, "NegativeStockError");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("6");
        assertThat(sandbox.document("Delivery Note", tooBig).orElseThrow().get("docstatus").asInt()).isZero();
        http.call("PUT", "/api/resource/Delivery%20Note/" + note, "{\"docstatus\":2}");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("10");
    }

    @Test
    void deliveringMoreThanTheOrderedQuantityIs417OverAllowance() {
        createCustomer("1", "ACME");
        ObjectNode order = post("Sales Order", ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 3, "5").put("docstatus", 1));
        String orderRow = order.get("items").get(0).get("name").asText();

        post("Delivery Note", againstOrder(ErpDocuments.deliveryNote("F1", "ACME", RED_SHIRT, 2), order, orderRow)
                .put("docstatus", 1));
        SandboxHttp.Answer over = http.call("POST", "/api/resource/Delivery%20Note",
                againstOrder(ErpDocuments.deliveryNote("F2", "ACME", RED_SHIRT, 2), order, orderRow).toString());

        assertError(over, 417, "OverAllowanceError");
    }

    @Test
    void submittedDeliveryNoteCountsAsDeliveredOnTheSalesOrderRowUntilCancelled() {
        createCustomer("1", "ACME");
        ObjectNode order = post("Sales Order", ErpDocuments.salesOrder("1", "ACME", RED_SHIRT, 3, "5").put("docstatus", 1));
        String orderRow = order.get("items").get(0).get("name").asText();

        String note = post("Delivery Note", againstOrder(ErpDocuments.deliveryNote("F1", "ACME", RED_SHIRT, 2), order, orderRow)
                .put("docstatus", 1)).get("name").asText();
        BigDecimal afterSubmit = deliveredQty(order);
        http.call("PUT", "/api/resource/Delivery%20Note/" + note, "{\"docstatus\":2}");

        assertThat(afterSubmit).isEqualByComparingTo("2");
        assertThat(deliveredQty(order)).isEqualByComparingTo("0");
    }

    @Test
    void likeFilterTreatsOnlyPercentAndUnderscoreAsWildcards() {
        createCustomer("1", "A.C (ME)");
        createCustomer("2", "ABC ME");
        String filters = URLEncoder.encode("[[\"customer_name\",\"like\",\"a.c (%\"]]", StandardCharsets.UTF_8);

        JsonNode rows = http.call("GET", "/api/resource/Customer?filters=" + filters, null).body().get("data");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name").asText()).isEqualTo("A.C (ME)");
    }

    @Test
    void creditNoteReturnsAtMostWhatWasSoldOfTheRowItNamesAtNoHigherRate() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 2, "10").put("docstatus", 1));

        SandboxHttp.Answer overReturn = http.call("POST", "/api/resource/Sales%20Invoice",
                ErpDocuments.creditNote("R1", invoice, RED_SHIRT, 3, "10").toString());
        SandboxHttp.Answer dearer = http.call("POST", "/api/resource/Sales%20Invoice",
                ErpDocuments.creditNote("R1", invoice, RED_SHIRT, 1, "10.01").toString());
        post("Sales Invoice", ErpDocuments.creditNote("R2", invoice, RED_SHIRT, 2, "10").put("docstatus", 1));
        SandboxHttp.Answer afterFullReturn = http.call("POST", "/api/resource/Sales%20Invoice",
                ErpDocuments.creditNote("R3", invoice, RED_SHIRT, 1, "10").toString());
        ObjectNode unlinked = ErpDocuments.creditNote("R4", invoice, RED_SHIRT, 5, "12");
        ((ObjectNode) unlinked.get("items").get(0)).remove("sales_invoice_item");

        assertError(overReturn, 417, "StockOverReturnError");
        assertThat(message(dearer)).isEqualTo("Row # 1: Rate cannot be greater than the rate used in Sales Invoice "
                + invoice.get("name").asText());
        assertError(afterFullReturn, 417, "StockOverReturnError");
        assertThat(post("Sales Invoice", unlinked).get("grand_total").decimalValue())
                .as("ERPNext checks only rows naming the invoice row").isEqualByComparingTo("-60");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).as("a credit note moves no stock").isEqualByComparingTo("10");
    }

    @Test
    void aCreditNoteMovesStockOnlyWhenItsInvoiceDid() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 2, "10").put("docstatus", 1));

        SandboxHttp.Answer restocking = http.call("POST", "/api/resource/Sales%20Invoice",
                ErpDocuments.creditNote("R1", invoice, RED_SHIRT, 1, "10").put("update_stock", 1).toString());

        assertThat(message(restocking)).isEqualTo("'Update Stock' can not be checked because items are not delivered via "
                + invoice.get("name").asText());
    }

    @Test
    void creditNoteForChargesOnlyHasAZeroQuantityRowAndMovesNoStock() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 2, "10").put("docstatus", 1));
        ObjectNode chargesOnly = ErpDocuments.creditNote("R1", invoice, RED_SHIRT, 0, "0").put("docstatus", 1);
        chargesOnly.putArray("taxes").addObject().put("charge_type", "Actual").put("account_head", "Freight and Forwarding Charges - SC")
                .put("tax_amount", new BigDecimal("-8.00")).put("description", "Shipping refund");

        ObjectNode creditNote = post("Sales Invoice", chargesOnly);
        SandboxHttp.Answer positive = http.call("POST", "/api/resource/Sales%20Invoice",
                ErpDocuments.salesInvoice("R2", "ACME", RED_SHIRT, 1, "10").put("is_return", 1)
                        .put("return_against", invoice.get("name").asText()).toString());

        assertThat(creditNote.get("grand_total").decimalValue()).isEqualByComparingTo("-8.00");
        assertThat(creditNote.get("outstanding_amount").decimalValue()).isEqualByComparingTo("-8.00");
        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("10");
        assertError(positive, 417, "ValidationError");
    }

    @Test
    void paymentCannotAllocateMoreThanTheOutstandingAmount() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 3, "19.99").put("docstatus", 1));

        SandboxHttp.Answer over = http.call("POST", "/api/resource/Payment%20Entry",
                ErpDocuments.payment("P0", invoice, "59.98").toString());
        post("Payment Entry", ErpDocuments.payment("P1", invoice, "59.97").put("docstatus", 1));
        SandboxHttp.Answer second = http.call("POST", "/api/resource/Payment%20Entry",
                ErpDocuments.payment("P2", invoice, "0.01").toString());

        assertError(over, 417, "ValidationError");
        assertThat(message(over)).contains("Allocated Amount cannot be greater than outstanding amount");
        assertThat(sandbox.document("Sales Invoice", invoice.get("name").asText()).orElseThrow()
                .get("outstanding_amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertError(second, 417, "ValidationError");
    }

    @Test
    void twoPartialPaymentsSettleAnInvoiceAndAReceiptWithoutReferencesStaysAnUnallocatedAdvance() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 3, "19.99").put("docstatus", 1));

        post("Payment Entry", ErpDocuments.payment("P1", invoice, "20.00").put("docstatus", 1));
        post("Payment Entry", ErpDocuments.payment("P2", invoice, "39.97").put("docstatus", 1));
        ObjectNode advance = ErpDocuments.payment("P3", invoice, "10.00").put("docstatus", 1);
        advance.remove("references");
        ObjectNode booked = post("Payment Entry", advance);

        assertThat(sandbox.document("Sales Invoice", invoice.get("name").asText()).orElseThrow()
                .get("outstanding_amount").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(booked.get("unallocated_amount").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void aPaymentAllocatingMoreThanItReceivedOrOneDocumentTwiceIsRefused() {
        createCustomer("1", "ACME");
        ObjectNode invoice = post("Sales Invoice", ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 3, "19.99").put("docstatus", 1));
        ObjectNode over = ErpDocuments.payment("P1", invoice, "20.00").put("docstatus", 1);
        ((ObjectNode) over.get("references").get(0)).put("allocated_amount", new BigDecimal("30.00"));
        ObjectNode twice = ErpDocuments.payment("P2", invoice, "20.00");
        twice.withArray("references").add(twice.get("references").get(0).deepCopy());

        SandboxHttp.Answer overAnswer = http.call("POST", "/api/resource/Payment%20Entry", over.toString());
        SandboxHttp.Answer twiceAnswer = http.call("POST", "/api/resource/Payment%20Entry", twice.toString());

        assertError(overAnswer, 417, "ValidationError");
        assertThat(message(overAnswer)).isEqualTo("Difference Amount must be zero");
        assertError(twiceAnswer, 417, "ValidationError");
        assertThat(message(twiceAnswer)).contains("Duplicate entry in References Sales Invoice");
    }

    @Test
    void anInvoiceTakesOverTheAdvancePaidAgainstItsSalesOrder() {
        createCustomer("1", "ACME");
        ObjectNode order = post("Sales Order", ErpDocuments.salesOrder("1001", "ACME", RED_SHIRT, 3, "20.00").put("docstatus", 1));
        ObjectNode advance = ErpDocuments.payment("P1", order, "45.00").put("docstatus", 1);
        ((ObjectNode) advance.get("references").get(0)).put("reference_doctype", "Sales Order");
        ObjectNode payment = post("Payment Entry", advance);
        ObjectNode other = ErpDocuments.payment("P2", order, "5.00").put("docstatus", 1);
        other.remove("references");
        post("Payment Entry", other);
        ObjectNode fromOrder = ErpDocuments.salesInvoice("1001", "ACME", RED_SHIRT, 3, "20.00")
                .put("allocate_advances_automatically", 1).put("only_include_allocated_payments", 1).put("docstatus", 1);
        ((ObjectNode) fromOrder.get("items").get(0)).put("sales_order", order.get("name").asText())
                .put("so_detail", order.get("items").get(0).get("name").asText());

        ObjectNode invoice = post("Sales Invoice", fromOrder);

        assertThat(sandbox.document("Sales Order", order.get("name").asText()).orElseThrow()
                .get("advance_paid").decimalValue()).as("moved to the invoice").isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(invoice.get("total_advance").decimalValue()).as("not the unallocated P2").isEqualByComparingTo("45.00");
        assertThat(invoice.get("outstanding_amount").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(sandbox.document("Payment Entry", payment.get("name").asText()).orElseThrow().get("references"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("reference_doctype").asText()).isEqualTo("Sales Invoice");
                    assertThat(row.get("allocated_amount").decimalValue()).isEqualByComparingTo("45.00");
                });
    }

    @Test
    void injectedFailuresAnswerTheGivenStatusForTheNextCallsOnly() {
        sandbox.faults().failNext(2, 429, 7);

        SandboxHttp.Answer limited = http.call("GET", "/api/resource/Item", null);
        assertError(limited, 429, "TooManyRequestsError");
        assertThat(limited.raw().headers().firstValue("Retry-After")).contains("7");
        assertThat(http.call("GET", "/api/resource/Item", null).status()).isEqualTo(429);
        assertThat(http.call("GET", "/api/resource/Item", null).status()).isEqualTo(200);
        assertThat(sandbox.requestCount("GET", "Item")).isEqualTo(3);
    }

    @Test
    void commitThenDropResponseAppliesTheWriteButNeverAnswers() {
        createCustomer("1", "ACME");
        sandbox.faults().commitThenDropResponse(1, Duration.ZERO);

        assertThatThrownBy(() -> http.call("POST", "/api/resource/Customer", ErpDocuments.customer("2", "Bea").toString()))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(sandbox.count("Customer", "shopify_customer_id", "2")).isEqualTo(1);
    }

    @Test
    void refusedConnectionsComeBackOnTheSamePortWithTheSameData() {
        createCustomer("1", "ACME");
        int port = sandbox.port();

        sandbox.refuseConnections();
        assertThatThrownBy(() -> new SandboxHttp(sandbox).call("GET", "/api/resource/Customer", null))
                .hasCauseInstanceOf(ConnectException.class);
        sandbox.acceptConnections();

        assertThat(sandbox.port()).isEqualTo(port);
        assertThat(new SandboxHttp(sandbox).call("GET", "/api/resource/Customer", null).body().get("data")).hasSize(1);
    }

    @Test
    void controlApiSetsFaultsOverHttp() {
        http.call("POST", "/__sandbox/faults", "{\"failNext\":{\"count\":1,\"status\":503}}", null);

        assertError(http.call("GET", "/api/resource/Item", null), 503, "SessionStopped");
        assertThat(http.call("GET", "/api/resource/Item", null).status()).isEqualTo(200);
    }

    private BigDecimal deliveredQty(ObjectNode salesOrder) {
        return http.call("GET", "/api/resource/Sales%20Order/" + salesOrder.get("name").asText(), null).body()
                .get("data").get("items").get(0).get("delivered_qty").decimalValue();
    }

    private static ObjectNode againstOrder(ObjectNode note, JsonNode order, String orderRow) {
        ((ObjectNode) note.get("items").get(0)).put("against_sales_order", order.get("name").asText()).put("so_detail", orderRow);
        return note;
    }

    private String createCustomer(String shopifyId, String name) {
        return post("Customer", ErpDocuments.customer(shopifyId, name)).get("name").asText();
    }

    private void createUniqueOrderIdField() {
        post("Custom Field", ErpDocuments.customField("Sales Order", "shopify_order_id", "Shopify Order ID", true));
    }

    @Test
    void binListGivesActualAndReservedQuantitiesFilteredByItemAndWarehouse() {
        sandbox.setActualQty(RED_SHIRT, WAREHOUSE, new BigDecimal("12"));
        sandbox.setReservedQty(RED_SHIRT, WAREHOUSE, new BigDecimal("2"));
        sandbox.setActualQty(RED_SHIRT, "Other - SC", new BigDecimal("5"));
        String fields = URLEncoder.encode("[\"item_code\",\"warehouse\",\"actual_qty\",\"reserved_qty\"]",
                StandardCharsets.UTF_8);
        String filters = URLEncoder.encode("[[\"item_code\",\"in\",[\"" + RED_SHIRT + "\"]],"
                + "[\"warehouse\",\"in\",[\"" + WAREHOUSE + "\"]]]", StandardCharsets.UTF_8);

        SandboxHttp.Answer answer = http.call("GET", "/api/resource/Bin?fields=" + fields + "&filters=" + filters
                + "&limit_page_length=0", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode rows = answer.body().get("data");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("item_code").asText()).isEqualTo(RED_SHIRT);
        assertThat(rows.get(0).get("actual_qty").decimalValue()).isEqualByComparingTo("12");
        assertThat(rows.get(0).get("reserved_qty").decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void submittedStockReconciliationSetsTheActualQuantity() {
        sandbox.setActualQty(RED_SHIRT, WAREHOUSE, new BigDecimal("12"));
        ObjectNode reconciliation = JSON.createObjectNode().put("purpose", "Stock Reconciliation")
                .put("company", "Shop Co").put("docstatus", 1);
        reconciliation.putArray("items").addObject().put("item_code", RED_SHIRT).put("warehouse", WAREHOUSE)
                .put("qty", 7);

        post("Stock Reconciliation", reconciliation);

        assertThat(sandbox.actualQty(RED_SHIRT, WAREHOUSE)).isEqualByComparingTo("7");
    }

    private ObjectNode post(String doctype, ObjectNode document) {
        SandboxHttp.Answer answer = http.call("POST", "/api/resource/" + doctype.replace(" ", "%20"), document.toString());
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return (ObjectNode) answer.body().get("data");
    }

    private static String message(SandboxHttp.Answer answer) {
        try {
            JsonNode messages = JSON.readTree(answer.body().get("_server_messages").asText());
            return JSON.readTree(messages.get(0).asText()).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError("no _server_messages in " + answer.body(), e);
        }
    }

    private static void assertError(SandboxHttp.Answer answer, int status, String excType) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("exc_type").asText()).isEqualTo(excType);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
