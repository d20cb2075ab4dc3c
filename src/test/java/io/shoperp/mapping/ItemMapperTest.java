package io.shoperp.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyProduct;
import io.shoperp.support.OrderFixtures;
import org.junit.jupiter.api.Test;

class ItemMapperTest {

    private final ErpNextMappingProperties mapping = OrderFixtures.mapping();
    private final ItemMapper mapper = new ItemMapper(mapping);

    @Test
    void itemCodeIsTheSkuElseTheVariantIdElseTheLineItemId() {
        ShopifyOrder order = OrderFixtures.order("taxes-included-guest");

        assertThat(ItemCodes.forVariant(44012345678901L, "  TSHIRT-RED-M ")).isEqualTo("TSHIRT-RED-M");
        assertThat(ItemCodes.forVariant(44012345678903L, "")).isEqualTo("SHOPIFY-VARIANT-44012345678903");
        assertThat(ItemCodes.forLineItem(order.lineItems().get(2))).isEqualTo("SHOPIFY-LINE-14123456789003");
    }

    @Test
    void missingItemHasNameGroupUomStockFlagAndVariantKey() {
        ShopifyOrder.LineItem mug = OrderFixtures.order("taxes-excluded-discount-code").lineItems().get(2);

        ObjectNode item = mapper.missingItemFor(mug);

        assertThat(item.get("item_code").asText()).isEqualTo("SHOPIFY-VARIANT-44012345678903");
        assertThat(item.get("item_name").asText()).isEqualTo("Crème brûlée mug - Grün");
        assertThat(item.get("item_group").asText()).isEqualTo("Products");
        assertThat(item.get("stock_uom").asText()).isEqualTo("Nos");
        assertThat(item.get("is_stock_item").asInt()).isEqualTo(1);
        assertThat(item.get("shopify_variant_id").asText()).isEqualTo("44012345678903");
        assertThat(item.has("valuation_rate")).isFalse();
        assertThat(item.has("opening_stock")).isFalse();
        assertThat(ItemMapper.keyFieldOf(item)).isEqualTo("shopify_variant_id");
    }

    @Test
    void customLineWithoutShippingIsANonStockItemWithoutVariantKey() {
        ShopifyOrder.LineItem giftWrap = OrderFixtures.order("taxes-included-guest").lineItems().get(2);

        ObjectNode item = mapper.missingItemFor(giftWrap);

        assertThat(item.get("item_name").asText()).isEqualTo("Geschenkverpackung");
        assertThat(item.get("is_stock_item").asInt()).isZero();
        assertThat(item.has("shopify_variant_id")).isFalse();
        assertThat(ItemMapper.keyFieldOf(item)).isEqualTo("item_code");
    }

    @Test
    void missingItemWhenCreationIsOffFailsNamingItAndTheKey() {
        mapping.setCreateMissingItems(false);
        ShopifyOrder.LineItem shirt = OrderFixtures.order("taxes-excluded-discount-code").lineItems().get(0);

        assertThatThrownBy(() -> mapper.missingItemFor(shirt))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("TSHIRT-RED-M").hasMessageContaining("erpnext.create-missing-items");
    }

    @Test
    void productVariantsBecomeItemsWithoutStockOrValuation() {
        ShopifyProduct hoodie = ShopifyOrderPayloads.product(OrderFixtures.bytes("products/hoodie.json"));

        List<ObjectNode> items = hoodie.variants().stream().map(variant -> mapper.newItemFor(hoodie, variant)).toList();

        assertThat(items).extracting(item -> item.get("item_code").asText())
                .containsExactly("HOODIE-GRAU-M", "SHOPIFY-VARIANT-46123456789002", "HOODIE-GUTSCHEIN");
        assertThat(items).extracting(item -> item.get("item_name").asText()).containsExactly(
                "Kapuzenpullover „Fjäll“ - Grau / M", "Kapuzenpullover „Fjäll“ - Grau / L",
                "Kapuzenpullover „Fjäll“ - E-Gutschein");
        assertThat(items).extracting(item -> item.get("is_stock_item").asInt()).containsExactly(1, 1, 0);
        assertThat(items).extracting(item -> item.get("shopify_variant_id").asText())
                .containsExactly("46123456789001", "46123456789002", "46123456789003");
        // Master data and Shopify references only: no stock, valuation or price field.
        assertThat(items).allSatisfy(item -> assertThat(item.properties()).extracting(Map.Entry::getKey)
                .isSubsetOf("item_code", "item_name", "item_group", "stock_uom", "is_stock_item",
                        "shopify_variant_id", "shopify_inventory_item_id")
                .contains("item_code", "item_name", "item_group", "stock_uom", "is_stock_item", "shopify_variant_id"));
    }

    @Test
    void aRenamedProductUpdatesOnlyTheItemName() {
        ShopifyProduct hoodie = ShopifyOrderPayloads.product(OrderFixtures.bytes("products/hoodie.json"));
        ShopifyProduct.Variant grey = hoodie.variants().get(0);
        ObjectNode stored = mapper.newItemFor(hoodie, grey).put("item_name", "Hoodie - Grau / M").put("valuation_rate", 21);

        assertThat(mapper.currentFieldsUpdate(hoodie, grey, stored)).hasValueSatisfying(update ->
                assertThat(update.toString()).isEqualTo("{\"item_name\":\"Kapuzenpullover „Fjäll“ - Grau / M\"}"));
        assertThat(mapper.currentFieldsUpdate(hoodie, grey, mapper.newItemFor(hoodie, grey))).isEmpty();
    }

    @Test
    void itemsCarryTheVariantsInventoryItemForTheStockPush() {
        ShopifyProduct hoodie = ShopifyOrderPayloads.product(OrderFixtures.bytes("products/hoodie.json"));
        ShopifyProduct.Variant grey = hoodie.variants().get(0);
        ObjectNode madeByAnOrder = mapper.newItemFor(hoodie, grey).without(ItemMapper.INVENTORY_ITEM_FIELD);

        assertThat(mapper.newItemFor(hoodie, grey).get(ItemMapper.INVENTORY_ITEM_FIELD).asText())
                .isEqualTo("48123456789001");
        assertThat(mapper.currentFieldsUpdate(hoodie, grey, madeByAnOrder)).hasValueSatisfying(update ->
                assertThat(update.toString()).isEqualTo("{\"shopify_inventory_item_id\":\"48123456789001\"}"));
    }

    @Test
    void itemNamesDropShopifysPlaceholderVariantAndAreCutToWholeCharacters() {
        assertThat(ItemMapper.itemName("Mug", "Default Title", "X")).isEqualTo("Mug");
        assertThat(ItemMapper.itemName(" ", null, "SHOPIFY-LINE-1")).isEqualTo("SHOPIFY-LINE-1");
        String name = ItemMapper.itemName("🎄".repeat(200), null, "X");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(140);
        assertThat(name).isEqualTo("🎄".repeat(140));
    }
}
