package io.shoperp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ErpNextTotals;
import io.shoperp.shopify.ShopifyFulfillment;
import io.shoperp.shopify.ShopifyOrder;
import io.shoperp.shopify.ShopifyOrderPayloads;
import io.shoperp.shopify.ShopifyRefund;

/** Fixture payloads (src/test/resources/shopify/...) and a mapping configured with the sandbox seed's masters. */
public final class OrderFixtures {

    public static final String COMPANY = "Shop Co";
    public static final String STORES = "Stores - SC";
    public static final String FINISHED_GOODS = "Finished Goods - SC";
    public static final String SALES_TAX = "Sales Tax - SC";
    public static final String FREIGHT = "Freight and Forwarding Charges - SC";
    public static final String SHOPIFY_PAYMENTS = "Shopify Payments - SC";
    public static final String CASH = "Cash - SC";
    public static final String GUEST = "Shopify Guest";
    public static final String SALES_ADJUSTMENTS = "Sales Adjustments - SC";
    public static final String TIPS = "Tips Received - SC";
    public static final String DUTIES = "Import Duties - SC";
    public static final long ONLINE_STORE_LOCATION = 72345678901L;
    public static final long POP_UP_LOCATION = 72345678902L;

    private OrderFixtures() {
    }

    public static ErpNextMappingProperties mapping() {
        ErpNextMappingProperties mapping = new ErpNextMappingProperties();
        mapping.setCompany(COMPANY);
        mapping.setWarehouse(STORES);
        mapping.getWarehouses().putAll(Map.of(
                Long.toString(ONLINE_STORE_LOCATION), STORES, Long.toString(POP_UP_LOCATION), FINISHED_GOODS));
        mapping.setPriceList("Standard Selling");
        mapping.setItemGroup("Products");
        mapping.getTaxAccounts().putAll(Map.of(
                "State Tax", SALES_TAX, "County Tax", SALES_TAX, "MwSt. 19 %", SALES_TAX, "Ermäßigte MwSt. 7 %", SALES_TAX,
                "shipping_refund tax", SALES_TAX, "refund_discrepancy", SALES_ADJUSTMENTS));
        mapping.setDefaultTaxAccount(SALES_TAX);
        mapping.setShippingAccount(FREIGHT);
        mapping.setTipAccount(TIPS);
        mapping.setDutiesAccount(DUTIES);
        mapping.getPaymentAccounts().putAll(Map.of("shopify_payments", SHOPIFY_PAYMENTS, "paypal", CASH));
        mapping.setGuestCustomer(GUEST);
        return mapping;
    }

    /** A fixture as a JSON tree, for tests that change ids or versions before sending it. */
    public static ObjectNode json(String resource) {
        try {
            return (ObjectNode) ErpNextClient.objectMapper().readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = OrderFixtures.class.getResourceAsStream("/shopify/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ShopifyOrder order(String name) {
        return ShopifyOrderPayloads.order(bytes("orders/" + name + ".json"));
    }

    /** A fixture order changed first, e.g. given a tip. */
    public static ShopifyOrder orderWith(String name, Consumer<ObjectNode> change) {
        ObjectNode json = json("orders/" + name + ".json");
        change.accept(json);
        return ShopifyOrderPayloads.order(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ShopifyRefund refund(String name) {
        return ShopifyOrderPayloads.refund(bytes("refunds/" + name + ".json"));
    }

    public static ShopifyFulfillment fulfillment(String name) {
        return ShopifyOrderPayloads.fulfillment(bytes("fulfillments/" + name + ".json"));
    }

    /**
     * A mapped document the way ERPNext answers the POST: named, rows named, totals computed, nothing delivered
     * yet.
     */
    public static ObjectNode saved(ObjectNode document, String name) {
        ObjectNode saved = document.deepCopy().put("name", name);
        int idx = 0;
        for (JsonNode row : saved.path("items")) {
            ((ObjectNode) row).put("name", name + "-row-" + ++idx).put("idx", idx).put("delivered_qty", 0);
        }
        BigDecimal total = ErpNextTotals.grandTotal(saved);
        return saved.put("grand_total", total).put("outstanding_amount", total);
    }
}
