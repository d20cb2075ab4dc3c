package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.mapping.ItemMapper;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyProduct;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GREY_M = "HOODIE-GRAU-M";
    private static final String GREY_L = "SHOPIFY-VARIANT-46123456789002";
    private static final String VOUCHER = "HOODIE-GUTSCHEIN";
    /** What an Item written by the integration may hold: master data and the fields ERPNext adds itself. */
    private static final Set<String> ITEM_FIELDS = Set.of("item_code", "item_name", "item_group", "stock_uom",
            "is_stock_item", "shopify_variant_id", "shopify_inventory_item_id", "name", "doctype", "docstatus", "owner",
            "creation", "modified", "modified_by", "idx");

    private OrderToCashSandbox erp;
    private ProductSync sync;

    @BeforeEach
    void start() {
        erp = OrderToCashSandbox.start();
        sync = new ProductSync(erp.client, erp.mapping);
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    @Test
    void createsOneItemPerVariantKeyedByCodeAndVariant() {
        ApplyOutcome outcome = sync.apply(product("products/create", hoodie()));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("Items: created 3, renamed 0, unchanged 0"));
        ObjectNode greyM = item(GREY_M);
        assertThat(greyM.get("item_name").asText()).isEqualTo("Kapuzenpullover „Fjäll“ - Grau / M");
        assertThat(greyM.get("item_group").asText()).isEqualTo("Products");
        assertThat(greyM.get("stock_uom").asText()).isEqualTo("Nos");
        assertThat(greyM.get("is_stock_item").asInt()).isEqualTo(1);
        assertThat(greyM.get("shopify_variant_id").asText()).isEqualTo("46123456789001");
        assertThat(item(GREY_L).get("shopify_variant_id").asText()).isEqualTo("46123456789002");
        // The stock push finds the Shopify inventory item of each stocked variant through this field.
        assertThat(greyM.get("shopify_inventory_item_id").asText()).isEqualTo("48123456789001");
        assertThat(item(VOUCHER).get("is_stock_item").asInt()).as("a variant that does not ship").isZero();
    }

    @Test
    void renameKeepsEachItemAndChangesOnlyItsName() {
        sync.apply(product("products/create", hoodie()));
        erp.client.update("Item", GREY_M, JSON.createObjectNode().put("item_group", "Services"));
        int postsBefore = erp.sandbox.requestCount("POST", "Item");

        ApplyOutcome outcome = sync.apply(product("products/update", hoodie().put("title", "Kapuzenpullover Fjäll")));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("Items: created 0, renamed 3, unchanged 0"));
        assertThat(erp.sandbox.documents("Item")).filteredOn(item -> item.has("shopify_variant_id")).hasSize(3);
        assertThat(erp.sandbox.requestCount("POST", "Item")).isEqualTo(postsBefore);
        ObjectNode greyM = item(GREY_M);
        assertThat(greyM.get("item_name").asText()).isEqualTo("Kapuzenpullover Fjäll - Grau / M");
        assertThat(greyM.get("item_group").asText()).as("changed in ERPNext on purpose").isEqualTo("Services");
    }

    @Test
    void replayWritesNothing() {
        InboxEvent created = product("products/create", hoodie());
        sync.apply(created);
        int writesBefore = erp.writes("Item");

        ApplyOutcome replay = sync.apply(created);

        assertThat(replay).isEqualTo(ApplyOutcome.done("Items: created 0, renamed 0, unchanged 3"));
        assertThat(erp.writes("Item")).isEqualTo(writesBefore);
    }

    @Test
    void neverSendsStockOrValuation() {
        sync.apply(product("products/create", hoodie()));
        sync.apply(product("products/update", hoodie().put("title", "Hoodie")));

        for (String code : List.of(GREY_M, GREY_L, VOUCHER)) {
            ObjectNode item = item(code);
            item.fieldNames().forEachRemaining(field -> assertThat(field).as(code + " holds only master data").isIn(ITEM_FIELDS));
            for (String warehouse : List.of(OrderFixtures.STORES, OrderFixtures.FINISHED_GOODS)) {
                assertThat(erp.actualQty(code, warehouse)).as("Shopify's inventory_quantity is not ERPNext's stock")
                        .isEqualByComparingTo(BigDecimal.ZERO);
            }
        }
        assertThat(erp.writes("Stock Reconciliation") + erp.writes("Stock Entry") + erp.writes("Item Price")).isZero();
    }

    @Test
    void itemMadeByHandWithTheSameCodeIsAdoptedNotDuplicated() {
        erp.sandbox.seedDocument("Item", JSON.createObjectNode().put("name", GREY_M).put("item_code", GREY_M)
                .put("item_name", "Hoodie grey M").put("item_group", "Services").put("stock_uom", "Unit")
                .put("is_stock_item", 1));

        ApplyOutcome outcome = sync.apply(product("products/create", hoodie()));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("Items: created 2, renamed 1, unchanged 0"));
        assertThat(erp.sandbox.count("Item", "item_code", GREY_M)).isEqualTo(1);
        ObjectNode adopted = item(GREY_M);
        assertThat(adopted.get("item_name").asText()).isEqualTo("Kapuzenpullover „Fjäll“ - Grau / M");
        assertThat(adopted.get("item_group").asText()).isEqualTo("Services");
        assertThat(adopted.get("stock_uom").asText()).isEqualTo("Unit");
    }

    @Test
    void itemCreatedMeanwhileByAnOrderSyncIsKeptCurrentNotDuplicated() {
        // The order sync's Item lands between this sync's look-up and its create: the create answers 409.
        AtomicBoolean lookedUpBeforeItLanded = new AtomicBoolean();
        ErpNextClient lateLookups = new ErpNextClient(erp.properties) {
            @Override
            public Optional<ObjectNode> get(String doctype, String name) {
                boolean beforeItLanded = GREY_M.equals(name) && lookedUpBeforeItLanded.compareAndSet(false, true);
                return beforeItLanded ? Optional.empty() : super.get(doctype, name);
            }
        };
        ShopifyProduct hoodie = ShopifyOrderPayloads.product(OrderFixtures.bytes("products/hoodie.json"));
        ObjectNode fromOrder = new ItemMapper(erp.mapping).newItemFor(hoodie, hoodie.variants().get(0))
                .put("item_name", "Hoodie as an order named it");
        erp.client.create("Item", fromOrder, "shopify_variant_id");

        ApplyOutcome outcome = new ProductSync(lateLookups, erp.mapping).apply(product("products/create", hoodie()));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("Items: created 2, renamed 1, unchanged 0"));
        assertThat(erp.sandbox.requestCount("POST", "Item")).as("the order's create and this sync's three").isEqualTo(4);
        assertThat(erp.sandbox.count("Item", "item_code", GREY_M)).isEqualTo(1);
        assertThat(item(GREY_M).get("item_name").asText()).isEqualTo("Kapuzenpullover „Fjäll“ - Grau / M");
    }

    private static ObjectNode hoodie() {
        try {
            return (ObjectNode) JSON.readTree(OrderFixtures.bytes("products/hoodie.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InboxEvent product(String topic, ObjectNode payload) {
        return OrderToCashSandbox.event(topic, "product:" + payload.get("id").asText(), payload.toString());
    }

    private ObjectNode item(String itemCode) {
        return erp.sandbox.document("Item", itemCode).orElseThrow(() -> new AssertionError("no Item " + itemCode));
    }
}
