package io.shoperp.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.shoperp.authority.Authority;
import io.shoperp.authority.AuthorityProperties;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyAdminClient;
import io.shoperp.shopify.WebhookSubscription;
import io.shoperp.shopify.ShopifyAdminClients;
import io.shoperp.shopify.ShopifyAdminException;
import io.shoperp.shopify.ShopifyPermanentException;
import io.shoperp.shopify.reconcile.ReconcileProperties;
import io.shoperp.stock.StockProperties;

/**
 * Per shop with Admin API settings: the token is accepted, it holds the access scopes of every feature this
 * configuration turns on (named per feature), and the shop sends the webhook topics the bridge handles.
 */
final class ShopifyChecks {

    private final ShopifyAdminClients clients;
    private final AuthorityProperties authority;
    private final StockProperties stock;
    private final ReconcileProperties reconcile;
    private final AdminJobProperties adminJobs;
    private final ErpNextMappingProperties globalMapping;
    private final List<String> webhookTopics;

    ShopifyChecks(ShopifyAdminClients clients, AuthorityProperties authority, StockProperties stock,
                  ReconcileProperties reconcile, AdminJobProperties adminJobs, ErpNextMappingProperties globalMapping,
                  List<String> webhookTopics) {
        this.clients = clients;
        this.authority = authority;
        this.stock = stock;
        this.reconcile = reconcile;
        this.adminJobs = adminJobs;
        this.globalMapping = globalMapping;
        this.webhookTopics = webhookTopics;
    }

    List<SetupCheckResult> run() {
        List<SetupCheckResult> results = new ArrayList<>();
        clients.domains().stream().sorted().forEach(domain -> check(domain, clients.forShop(domain).orElseThrow(), results));
        return results;
    }

    /** The scopes each enabled feature calls the Admin API with, as config/application.yaml lists them. */
    private Map<String, List<String>> scopesByFeature() {
        Map<String, List<String>> features = new LinkedHashMap<>();
        // Every shop with Admin API settings reads each paid order's transactions for its Payment Entries.
        features.put("payments", List.of("read_orders"));
        if (reconcile.isEnabled()) {
            features.put("reconciliation", List.of("read_orders"));
        }
        if (adminJobs.isEnabled()) {
            features.put("catalog import", List.of("read_products"));
            features.put("order backfill", List.of("read_orders"));
        }
        if (authority.getStock() == Authority.ERPNEXT && stock.isPushEnabled()) {
            features.put("stock push", List.of("read_inventory", "write_inventory"));
        }
        if (globalMapping.hasPriceList()) {
            features.put(authority.getPrice() == Authority.ERPNEXT && stock.isPushEnabled() ? "price push" : "prices",
                    authority.getPrice() == Authority.ERPNEXT ? List.of("read_products", "write_products")
                            : List.of("read_products"));
        }
        return features;
    }

    private void check(String domain, ShopifyAdminClient client, List<SetupCheckResult> results) {
        String prefix = "Shopify " + domain + " ";
        List<String> granted;
        try {
            granted = client.accessScopes();
        } catch (ShopifyPermanentException e) {
            results.add(SetupCheckResult.fail(prefix + "token", e.status() == 401
                    ? "token refused (HTTP 401): set shopify.shops[N].admin-api-token to the app's current Admin API"
                            + " access token"
                    : "refused: " + e.getMessage() + ": check the app's installation in the shop"));
            return;
        } catch (ShopifyAdminException e) {
            results.add(SetupCheckResult.fail(prefix + "token", "not checked, the Admin API did not answer: "
                    + e.getMessage() + ": check shopify.shops[N].admin-api-url and try again"));
            return;
        }
        results.add(SetupCheckResult.pass(prefix + "token", "accepted; scopes " + String.join(", ", granted)));
        scopesByFeature().forEach((feature, needed) -> {
            List<String> missing = needed.stream().filter(scope -> !grants(granted, scope)).toList();
            results.add(missing.isEmpty()
                    ? SetupCheckResult.pass(prefix + "scopes for " + feature, String.join(", ", needed))
                    : SetupCheckResult.fail(prefix + "scopes for " + feature, "missing " + String.join(", ", missing)
                            + ": add them to the app's Admin API access scopes and reinstall or approve the app"));
        });
        results.add(webhooks(prefix, client));
    }

    /** Shopify lets a write scope stand for its read scope (write_products includes read access to products). */
    private static boolean grants(List<String> granted, String scope) {
        return granted.contains(scope) || scope.startsWith("read_")
                && granted.contains("write_" + scope.substring("read_".length()));
    }

    private SetupCheckResult webhooks(String prefix, ShopifyAdminClient client) {
        Set<String> subscribed;
        try {
            subscribed = client.webhookSubscriptions().stream().map(WebhookSubscription::topic)
                    .collect(Collectors.toSet());
        } catch (ShopifyAdminException e) {
            return SetupCheckResult.fail(prefix + "webhooks", "subscriptions not readable: " + e.getMessage());
        }
        List<String> missing = webhookTopics.stream().filter(topic -> !subscribed.contains(topic)).toList();
        return missing.isEmpty()
                ? SetupCheckResult.pass(prefix + "webhooks", webhookTopics.size() + " topics subscribed")
                : SetupCheckResult.fail(prefix + "webhooks", "no subscription for " + String.join(", ", missing)
                        + ": set bridge.public-url so the bridge subscribes them, or subscribe them to this bridge's"
                        + " /webhooks/shopify");
    }
}
