package io.shoperp.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;

/** Settings of an application instance that processes its inbox against an ERPNext sandbox, fast for tests. */
public final class ProcessingSettings {

    /** The Customer of guest checkouts; tests seed it into the sandbox. */
    public static final String GUEST_CUSTOMER = "Shopify Guest";

    private ProcessingSettings() {
    }

    /** Seeds the {@link #GUEST_CUSTOMER} that guest checkouts are booked to (a Customer without a Shopify key). */
    public static void seedGuestCustomer(ErpNextSandbox sandbox) {
        sandbox.seedDocument("Customer", ErpDocuments.customer("", GUEST_CUSTOMER).put("name", GUEST_CUSTOMER)
                .without("shopify_customer_id"));
    }

    public static Map<String, String> against(ErpNextSandbox sandbox) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("erpnext.url", sandbox.baseUrl());
        properties.put("erpnext.api-key", sandbox.apiKey());
        properties.put("erpnext.api-secret", sandbox.apiSecret());
        properties.put("erpnext.read-timeout", "2s");
        properties.put("erpnext.setup-custom-fields", "true");
        properties.put("erpnext.company", "Shop Co");
        properties.put("erpnext.customer-group", "Individual");
        properties.put("erpnext.territory", "United States");
        properties.put("erpnext.warehouse", "Stores - SC");
        properties.put("erpnext.price-list", "Standard Selling");
        properties.put("erpnext.item-group", "Products");
        properties.put("erpnext.default-tax-account", "Sales Tax - SC");
        properties.put("erpnext.shipping-account", "Freight and Forwarding Charges - SC");
        properties.put("erpnext.default-payment-account", "Shopify Payments - SC");
        properties.put("erpnext.guest-customer", GUEST_CUSTOMER);
        properties.put("processing.poll-interval", "100ms");
        properties.put("processing.lease", "30s");
        properties.put("processing.retry.initial-delay", "200ms");
        properties.put("processing.retry.max-delay", "1s");
        return properties;
    }

    /** The same with some settings changed or added. */
    public static Map<String, String> against(ErpNextSandbox sandbox, Map<String, String> overrides) {
        Map<String, String> properties = against(sandbox);
        properties.putAll(overrides);
        return properties;
    }
}
