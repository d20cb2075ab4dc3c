package io.shoperp.erpnext;

import static io.shoperp.erpnext.sandbox.ErpDocuments.RED_SHIRT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErpNextClientTest {

    private ErpNextSandbox sandbox;
    private ErpNextClient client;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        CustomFieldSetup.REQUIRED_FIELDS.forEach(field -> sandbox.seedDocument("Custom Field",
                ErpDocuments.customField(field.doctype(), field.fieldname(), field.label(), field.unique())
                        .put("name", field.recordName())));
        client = SandboxClients.client(sandbox);
        client.create("Customer", ErpDocuments.customer("501", "ACME"), "shopify_customer_id");
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void createReturnsTheNewDocumentWithExactDecimalAmounts() {
        CreateResult result = client.create("Sales Order", order("1001"), "shopify_order_id");

        assertThat(result.createdByThisCall()).isTrue();
        assertThat(result.name()).isEqualTo(ErpDocuments.salesOrderName(1));
        assertThat(result.document().get("grand_total").decimalValue()).isEqualTo(new BigDecimal("61.47"));
        assertThat(result.document().get("items").get(0).get("rate").decimalValue()).isEqualTo(new BigDecimal("19.99"));
        assertThat(sandbox.documents("Sales Order")).hasSize(1);
    }

    @Test
    void secondCreateForTheSameKeyReturnsTheExistingDocument() {
        String first = client.create("Sales Order", order("1001"), "shopify_order_id").name();

        CreateResult again = client.create("Sales Order", order("1001"), "shopify_order_id");

        assertThat(again.createdByThisCall()).isFalse();
        assertThat(again.name()).isEqualTo(first);
        assertThat(again.document().get("items")).hasSize(1);
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void duplicateNameAnswer409ReturnsTheDocumentHoldingOurKey() {
        client.create("Item", item("NEW-SKU", "555"), "shopify_variant_id");

        CreateResult again = client.create("Item", item("NEW-SKU", "555"), "shopify_variant_id");

        assertThat(again.createdByThisCall()).isFalse();
        assertThat(again.name()).isEqualTo("NEW-SKU");
        assertThat(sandbox.documents("Item")).hasSize(4);
    }

    @Test
    void duplicateNameOfADocumentWithoutOurKeyStaysAPermanentError() {
        assertThatThrownBy(() -> client.create("Item", item(RED_SHIRT, "777"), "shopify_variant_id"))
                .isInstanceOfSatisfying(ErpNextPermanentException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.excType()).contains("DuplicateEntryError");
                });
    }

    @Test
    void racingCreatesForOneKeyAllReturnTheSameSingleDocument() {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<CompletableFuture<String>> names = IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> client.create("Sales Order", order("1001"), "shopify_order_id").name(), pool)).toList();

        List<String> distinct = names.stream().map(CompletableFuture::join).distinct().toList();
        pool.shutdown();

        assertThat(distinct).containsExactly(ErpDocuments.salesOrderName(1));
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void createWhoseAnswerTimesOutAfterCommitFindsTheDocumentInsteadOfWritingAgain() {
        sandbox.faults().commitThenDropResponse(1, SandboxClients.READ_TIMEOUT.multipliedBy(2));

        CreateResult result = client.create("Sales Order", order("1001"), "shopify_order_id");
        int postsBeforeRetry = sandbox.requestCount("POST", "Sales Order");
        CreateResult retried = client.create("Sales Order", order("1001"), "shopify_order_id");

        assertThat(postsBeforeRetry).as("looked up, not posted again").isEqualTo(1);
        assertThat(result.createdByThisCall()).isFalse();
        assertThat(retried.name()).isEqualTo(result.name());
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void createWhoseConnectionDropsAfterCommitFindsTheDocument() {
        sandbox.faults().commitThenDropResponse(1, Duration.ZERO);

        CreateResult result = client.create("Sales Order", order("1001"), "shopify_order_id");

        assertThat(result.name()).isEqualTo(ErpDocuments.salesOrderName(1));
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void writeCommittingAfterTheClientGaveUpStillEndsAsOneDocument() {
        // ERPNext still works on the POST while the client times out and its lookup times out too.
        sandbox.faults().latency(SandboxClients.READ_TIMEOUT.plusMillis(200));

        assertThatThrownBy(() -> client.create("Sales Order", order("1001"), "shopify_order_id"))
                .isInstanceOf(ErpNextTransientException.class);
        sandbox.faults().clear();
        await().atMost(Duration.ofSeconds(2)).until(() -> sandbox.count("Sales Order", "shopify_order_id", "1001") == 1);
        CreateResult retried = client.create("Sales Order", order("1001"), "shopify_order_id");

        assertThat(retried.createdByThisCall()).isFalse();
        assertThat(sandbox.count("Sales Order", "shopify_order_id", "1001")).isEqualTo(1);
    }

    @Test
    void refusedConnectionIsTransientAndWritesNothing() {
        sandbox.refuseConnections();

        assertThatThrownBy(() -> client.create("Sales Order", order("1001"), "shopify_order_id"))
                .isInstanceOfSatisfying(ErpNextTransientException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.requestMayHaveBeenApplied()).isFalse();
                });
        sandbox.acceptConnections();
        assertThat(sandbox.documents("Sales Order")).isEmpty();
    }

    @Test
    void readTimeoutIsTransient() {
        sandbox.faults().latency(SandboxClients.READ_TIMEOUT.plusMillis(100));

        assertThatThrownBy(() -> client.get("Customer", "ACME"))
                .isInstanceOfSatisfying(ErpNextTransientException.class, e -> assertThat(e.status()).isZero());
    }

    @Test
    void tooManyRequestsIsTransientWithRetryAfter() {
        sandbox.faults().failNext(1, 429, 7);

        assertThatThrownBy(() -> client.get("Customer", "ACME"))
                .isInstanceOfSatisfying(ErpNextTransientException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void serverErrorsAndMaintenanceAreTransient() {
        sandbox.faults().failNext(1, 500, null);
        assertThatThrownBy(() -> client.update("Customer", "ACME", json().put("mobile_no", "1")))
                .isInstanceOfSatisfying(ErpNextTransientException.class, e -> assertThat(e.status()).isEqualTo(500));
        sandbox.faults().failNext(1, 503, null);
        assertThatThrownBy(() -> client.submit("Customer", "ACME"))
                .isInstanceOfSatisfying(ErpNextTransientException.class, e -> assertThat(e.excType()).contains("SessionStopped"));
    }

    @Test
    void validationErrorIsPermanentWithFrappesMessage() {
        ObjectNode unknownCustomer = order("1001").put("customer", "Nobody");

        assertThatThrownBy(() -> client.create("Sales Order", unknownCustomer, "shopify_order_id"))
                .isInstanceOfSatisfying(ErpNextPermanentException.class, e -> {
                    assertThat(e.status()).isEqualTo(417);
                    assertThat(e.excType()).contains("LinkValidationError");
                    assertThat(e.getMessage()).contains("Could not find Customer: Nobody");
                });
    }

    @Test
    void wrongCredentialsArePermanent() {
        ErpNextClient wrong = new ErpNextClient(SandboxClients.properties(sandbox, sandbox.apiKey(), "wrong"));

        assertThatThrownBy(() -> wrong.get("Customer", "ACME"))
                .isInstanceOfSatisfying(ErpNextPermanentException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
    }

    @Test
    void missingDocumentIsEmptyOnReadAndPermanentOnWrite() {
        assertThat(client.get("Sales Order", "SO-09999")).isEmpty();
        assertThat(client.findByKey("Sales Order", "shopify_order_id", "404")).isEmpty();
        assertThatThrownBy(() -> client.update("Sales Order", "SO-09999", json().put("po_no", "x")))
                .isInstanceOfSatisfying(ErpNextPermanentException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void findByKeyReturnsTheWholeDocument() {
        client.create("Sales Order", order("1001"), "shopify_order_id");

        ObjectNode found = client.findByKey("Sales Order", "shopify_order_id", "1001").orElseThrow();

        assertThat(found.get("name").asText()).isEqualTo(ErpDocuments.salesOrderName(1));
        assertThat(found.get("items").get(0).get("item_code").asText()).isEqualTo(RED_SHIRT);
    }

    @Test
    void submitAndCancelCanBeRepeatedSafely() {
        String name = client.create("Sales Order", order("1001"), "shopify_order_id").name();

        client.submit("Sales Order", name);
        assertThat(client.submit("Sales Order", name).get("docstatus").asInt()).isEqualTo(1);
        client.cancel("Sales Order", name);
        assertThat(client.cancel("Sales Order", name).get("docstatus").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> client.submit("Sales Order", name)).isInstanceOf(ErpNextPermanentException.class);
    }

    @Test
    void updateChangesFieldsAndAnswersTheDocument() {
        String name = client.create("Sales Order", order("1001"), "shopify_order_id").name();

        ObjectNode updated = client.update("Sales Order", name, json().put("po_no", "#1001"));

        assertThat(updated.get("po_no").asText()).isEqualTo("#1001");
        assertThat(sandbox.document("Sales Order", name).orElseThrow().get("po_no").asText()).isEqualTo("#1001");
    }

    private static ObjectNode order(String shopifyOrderId) {
        return ErpDocuments.salesOrder(shopifyOrderId, "ACME", RED_SHIRT, 3, "19.99");
    }

    private static ObjectNode item(String itemCode, String variantId) {
        return json().put("item_code", itemCode).put("item_name", itemCode).put("item_group", "Products")
                .put("stock_uom", "Nos").put("is_stock_item", 1).put("shopify_variant_id", variantId);
    }

    private static ObjectNode json() {
        return ErpNextClient.objectMapper().createObjectNode();
    }
}
