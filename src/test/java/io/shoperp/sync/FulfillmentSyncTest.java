package io.shoperp.sync;

import static io.shoperp.support.OrderFixtures.FINISHED_GOODS;
import static io.shoperp.support.OrderFixtures.STORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextException;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FulfillmentSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RED_SHIRT = "TSHIRT-RED-M";
    private static final String MUG = "SHOPIFY-VARIANT-44012345678903";
    private static final long FULFILLMENT_ID = 9007199254741001L;

    private final ShopifyOrder order = OrderFixtures.order("taxes-excluded-discount-code");
    private OrderToCashSandbox erp;
    private FulfillmentSync sync;

    @BeforeEach
    void start() {
        erp = OrderToCashSandbox.start();
        sync = new FulfillmentSync(erp.client, erp.documents, erp.mapping);
        erp.sandbox.setActualQty(RED_SHIRT, FINISHED_GOODS, new BigDecimal("5"));
        erp.sandbox.setActualQty(MUG, FINISHED_GOODS, new BigDecimal("5"));
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    @Test
    void deliversOnceAgainstTheSalesOrderRowsFromTheLocationsWarehouse() {
        ObjectNode salesOrder = erp.submittedSalesOrder(order);
        BigDecimal redShirtsInStores = erp.actualQty(RED_SHIRT, STORES);

        ApplyOutcome outcome = sync.apply(fulfillment(firstParcel()));

        ObjectNode deliveryNote = onlyDeliveryNote();
        assertThat(outcome).isEqualTo(ApplyOutcome.done("Delivery Note " + deliveryNote.get("name").asText()
                + " for fulfillment " + FULFILLMENT_ID + ": created"));
        assertThat(deliveryNote.get("docstatus").asInt()).isEqualTo(1);
        assertThat(deliveryNote.get("shopify_fulfillment_id").asText()).isEqualTo(Long.toString(FULFILLMENT_ID));
        for (JsonNode row : deliveryNote.get("items")) {
            assertThat(row.get("against_sales_order").asText()).isEqualTo(salesOrder.get("name").asText());
            assertThat(row.get("so_detail").asText()).isIn(salesOrderRowsOf(salesOrder, row.get("shopify_line_item_id").asText()));
            assertThat(row.get("warehouse").asText()).as("location 72345678902 maps to Finished Goods").isEqualTo(FINISHED_GOODS);
        }
        assertThat(deliveryNote.get("items")).extracting(row -> row.get("item_code").asText()).containsOnly(RED_SHIRT, MUG);
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
        assertThat(erp.actualQty(MUG, FINISHED_GOODS)).isEqualByComparingTo("3");
        assertThat(erp.actualQty(RED_SHIRT, STORES)).isEqualByComparingTo(redShirtsInStores);
    }

    @Test
    void applyingTheFulfillmentAgainWritesNothingAndMovesNoStock() {
        erp.submittedSalesOrder(order);
        InboxEvent created = fulfillment(firstParcel());
        sync.apply(created);
        int writesBefore = erp.writes("Delivery Note");

        ApplyOutcome replay = sync.apply(created);
        ApplyOutcome update = sync.apply(OrderToCashSandbox.event("fulfillments/update", "fulfillment:" + FULFILLMENT_ID,
                firstParcel().put("updated_at", "2026-11-30T12:00:00-05:00").toString()));

        assertThat(replay.detail()).isEqualTo("Delivery Note " + onlyDeliveryNote().get("name").asText()
                + " for fulfillment " + FULFILLMENT_ID + ": unchanged");
        assertThat(update).isEqualTo(replay);
        assertThat(erp.writes("Delivery Note")).isEqualTo(writesBefore);
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
    }

    @Test
    void fulfillmentBeforeItsOrderWaitsAndLandsOnceTheSalesOrderIsThere() {
        InboxEvent early = fulfillment(firstParcel());

        assertThatThrownBy(() -> sync.apply(early))
                .isInstanceOf(NotReadyException.class)
                .hasMessage("Sales Order for Shopify order 9007199254740993 not there yet");
        assertThat(erp.writes("Delivery Note")).isZero();

        erp.submittedSalesOrder(order);
        assertThat(sync.apply(early).detail()).endsWith(": created");
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
    }

    @Test
    void draftSalesOrderIsNotReadyYet() {
        erp.sandbox.seedDocument("Sales Order", ErpDocuments.salesOrder("9007199254740993", "Jane Doe", RED_SHIRT, 3, "19.99"));

        assertThatThrownBy(() -> sync.apply(fulfillment(firstParcel()))).isInstanceOf(NotReadyException.class);
        assertThat(erp.writes("Delivery Note")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancelled", "failure", "error"})
    void fulfillmentThatShippedNothingIsIgnored(String status) {
        erp.submittedSalesOrder(order);

        ApplyOutcome outcome = sync.apply(fulfillment(firstParcel().put("status", status)));

        assertThat(outcome).isEqualTo(ApplyOutcome.ignored("fulfillment " + FULFILLMENT_ID
                + ": no Delivery Note, status " + status + " means nothing shipped"));
        assertThat(erp.writes("Delivery Note")).isZero();
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("5");
    }

    @Test
    void fulfillmentCancelledAfterItsDeliveryNoteKeepsTheNoteAndSaysWhichOne() {
        erp.submittedSalesOrder(order);
        sync.apply(fulfillment(firstParcel()));
        String deliveryNote = onlyDeliveryNote().get("name").asText();

        ApplyOutcome outcome = sync.apply(fulfillment(firstParcel().put("status", "cancelled")));

        assertThat(outcome).isEqualTo(ApplyOutcome.ignored("Delivery Note " + deliveryNote + " for fulfillment "
                + FULFILLMENT_ID + " kept: status cancelled came after it was delivered; cancel it in ERPNext if the"
                + " goods came back"));
        assertThat(onlyDeliveryNote().get("docstatus").asInt()).isEqualTo(1);
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
    }

    @Test
    void fulfillmentsOfAnOrderPayloadTakeTheSamePathAsTheWebhook() {
        erp.submittedSalesOrder(order);

        String fromOrder = sync.deliver(ShopifyOrderPayloads.fulfillment(firstParcel().toString().getBytes(StandardCharsets.UTF_8)));
        ApplyOutcome fromWebhook = sync.apply(fulfillment(firstParcel()));

        assertThat(fromOrder).endsWith(": created");
        assertThat(fromWebhook.detail()).endsWith(": unchanged");
        onlyDeliveryNote();
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
    }

    @Test
    void laterParcelDeliversWhatEarlierOnesLeft() {
        ObjectNode salesOrder = erp.submittedSalesOrder(order);
        sync.apply(fulfillment(firstParcel()));

        ApplyOutcome outcome = sync.apply(fulfillment(redShirtsParcel(FULFILLMENT_ID + 1, 1)));

        assertThat(outcome.detail()).endsWith(": created");
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("2");
        BigDecimal redShirtsDelivered = BigDecimal.ZERO;
        for (JsonNode row : erp.stored("Sales Order", salesOrder).get("items")) {
            if (RED_SHIRT.equals(row.get("item_code").asText())) {
                redShirtsDelivered = redShirtsDelivered.add(row.get("delivered_qty").decimalValue());
            }
        }
        assertThat(redShirtsDelivered).isEqualByComparingTo("3");
    }

    @Test
    void parcelShippingMoreThanIsLeftIsPermanentAndPostsNothing() {
        erp.submittedSalesOrder(order);
        sync.apply(fulfillment(firstParcel()));
        int postsBefore = erp.sandbox.requestCount("POST", "Delivery Note");

        assertThatThrownBy(() -> sync.apply(fulfillment(redShirtsParcel(FULFILLMENT_ID + 1, 2))))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("has only 1 left to deliver");
        assertThat(erp.sandbox.requestCount("POST", "Delivery Note")).isEqualTo(postsBefore);
    }

    @Test
    void overDeliveryErpNextRefusesAfterARaceIsPermanent() {
        erp.submittedSalesOrder(order);
        AtomicBoolean raced = new AtomicBoolean();
        // Another worker delivers the first parcel right after this one has read the Sales Order.
        ErpNextClient racing = new ErpNextClient(erp.properties) {
            @Override
            public Optional<ObjectNode> findByKey(String doctype, String keyField, String keyValue) {
                Optional<ObjectNode> document = super.findByKey(doctype, keyField, keyValue);
                if (SalesDocuments.SALES_ORDER.equals(doctype) && raced.compareAndSet(false, true)) {
                    sync.apply(fulfillment(firstParcel()));
                }
                return document;
            }
        };
        FulfillmentSync behind = new FulfillmentSync(racing, new SalesDocuments(racing), erp.mapping);

        assertThatThrownBy(() -> behind.apply(fulfillment(redShirtsParcel(FULFILLMENT_ID + 1, 2))))
                .isInstanceOf(ErpNextPermanentException.class)
                .satisfies(e -> assertThat(((ErpNextException) e).hasExcType("OverAllowanceError")).isTrue());
        onlyDeliveryNote();
        assertThat(erp.actualQty(RED_SHIRT, FINISHED_GOODS)).isEqualByComparingTo("3");
    }

    @Test
    void insufficientStockRefusedByErpNextIsPermanentAndMovesNothing() {
        erp.submittedSalesOrder(order);
        erp.sandbox.setActualQty(RED_SHIRT, FINISHED_GOODS, BigDecimal.ONE);

        assertThatThrownBy(() -> sync.apply(fulfillment(firstParcel())))
                .isInstanceOf(ErpNextPermanentException.class)
                .satisfies(e -> assertThat(((ErpNextException) e).hasExcType("NegativeStockError")).isTrue());
        assertThat(erp.sandbox.documents("Delivery Note")).isEmpty();
        assertThat(erp.actualQty(MUG, FINISHED_GOODS)).isEqualByComparingTo("5");
    }

    private static ObjectNode firstParcel() {
        try {
            return (ObjectNode) JSON.readTree(OrderFixtures.bytes("fulfillments/first-parcel.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A later parcel of the same order with only red shirts. */
    private static ObjectNode redShirtsParcel(long fulfillmentId, int quantity) {
        ObjectNode parcel = firstParcel().put("id", fulfillmentId);
        parcel.withArray("line_items").remove(1);
        ((ObjectNode) parcel.withArray("line_items").get(0)).put("quantity", quantity);
        return parcel;
    }

    private static InboxEvent fulfillment(ObjectNode payload) {
        return OrderToCashSandbox.event("fulfillments/create", "fulfillment:" + payload.get("id").asText(), payload.toString());
    }

    private ObjectNode onlyDeliveryNote() {
        List<ObjectNode> notes = erp.sandbox.documents("Delivery Note");
        assertThat(notes).hasSize(1);
        return notes.get(0);
    }

    /** A line whose amount does not divide into cents has two Sales Order rows. */
    private static List<String> salesOrderRowsOf(ObjectNode salesOrder, String lineItemId) {
        List<String> rows = new ArrayList<>();
        salesOrder.get("items").forEach(row -> {
            if (lineItemId.equals(row.path("shopify_line_item_id").asText())) {
                rows.add(row.get("name").asText());
            }
        });
        assertThat(rows).as("Sales Order rows of line item " + lineItemId).isNotEmpty();
        return rows;
    }
}
