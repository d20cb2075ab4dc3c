package io.shoperp.mapping;

import static io.shoperp.mapping.SalesOrderMapperTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;

class DeliveryNoteMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final DeliveryNoteMapper mapper = new DeliveryNoteMapper(mapping);
    private final ObjectNode salesOrder = OrderFixtures.saved(new SalesOrderMapper(mapping)
            .map(OrderFixtures.order("taxes-excluded-discount-code"), "Jane Doe"), "SO-00001");

    @Test
    void fulfilledLinesDeliverAgainstTheirSalesOrderRowsFromTheLocationsWarehouse() {
        ObjectNode deliveryNote = mapper.map(OrderFixtures.fulfillment("first-parcel"), salesOrder);

        assertThat(deliveryNote.get("shopify_fulfillment_id").asText()).isEqualTo("9007199254741001");
        assertThat(deliveryNote.get("customer").asText()).isEqualTo("Jane Doe");
        assertThat(deliveryNote.get("company").asText()).isEqualTo(OrderFixtures.COMPANY);
        assertThat(deliveryNote.get("posting_date").asText()).isEqualTo("2026-11-30");
        assertThat(deliveryNote.get(SalesOrderMapper.ORDER_NAME_FIELD).asText()).isEqualTo("#1001");
        assertThat(deliveryNote.get("docstatus").asInt()).isEqualTo(1);
        // two red shirts fill the split line's rows in order (1 at 18.18, then 1 of the 2 at 18.17)
        assertThat(summary(deliveryNote)).containsExactly(
                "TSHIRT-RED-M 1 SO-00001-row-1 Finished Goods - SC",
                "TSHIRT-RED-M 1 SO-00001-row-2 Finished Goods - SC",
                "SHOPIFY-VARIANT-44012345678903 2 SO-00001-row-4 Finished Goods - SC");
        rows(deliveryNote, "items").forEach(row -> assertThat(row.get("against_sales_order").asText()).isEqualTo("SO-00001"));
    }

    @Test
    void aLaterFulfillmentTakesWhatTheRowsHaveLeft() {
        ((ObjectNode) salesOrder.get("items").get(0)).put("delivered_qty", 1);
        ((ObjectNode) salesOrder.get("items").get(1)).put("delivered_qty", 1);

        ObjectNode deliveryNote = mapper.map(fulfillmentOf(line(9007199254740995L, 1)), salesOrder);

        assertThat(summary(deliveryNote)).containsExactly("TSHIRT-RED-M 1 SO-00001-row-2 Finished Goods - SC");
    }

    @Test
    void shippingMoreThanIsLeftIsRefused() {
        assertThatThrownBy(() -> mapper.map(fulfillmentOf(line(9007199254740995L, 4)), salesOrder))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("has only 3 left");
    }

    @Test
    void aLineTheSalesOrderDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> mapper.map(fulfillmentOf(line(123L, 1)), salesOrder))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("line item 123 has no row");
    }

    @Test
    void aLocationWithoutWarehouseUsesTheDefaultWarehouse() {
        ShopifyFulfillment parcel = OrderFixtures.fulfillment("first-parcel");
        ShopifyFulfillment elsewhere = new ShopifyFulfillment(parcel.id(), parcel.orderId(), parcel.status(), 999L,
                parcel.createdAt(), parcel.updatedAt(), parcel.lineItems());

        ObjectNode deliveryNote = mapper.map(elsewhere, salesOrder);

        rows(deliveryNote, "items").forEach(row -> assertThat(row.get("warehouse").asText()).isEqualTo(OrderFixtures.STORES));
    }

    private static ShopifyOrder.LineItem line(long id, int quantity) {
        return new ShopifyOrder.LineItem(id, null, null, null, "T-Shirt", null, quantity, BigDecimal.ONE, true,
                List.of(), List.of());
    }

    private static ShopifyFulfillment fulfillmentOf(ShopifyOrder.LineItem line) {
        ShopifyFulfillment parcel = OrderFixtures.fulfillment("first-parcel");
        return new ShopifyFulfillment(parcel.id() + 1, parcel.orderId(), "success", OrderFixtures.POP_UP_LOCATION,
                parcel.createdAt(), parcel.updatedAt(), List.of(line));
    }

    private static List<String> summary(ObjectNode deliveryNote) {
        return rows(deliveryNote, "items").stream().map(row -> row.get("item_code").asText() + " "
                + row.get("qty").asText() + " " + row.get("so_detail").asText() + " " + row.get("warehouse").asText())
                .toList();
    }
}
