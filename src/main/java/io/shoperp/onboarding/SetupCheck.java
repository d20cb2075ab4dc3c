package io.shoperp.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.authority.Authority;
import io.shoperp.authority.AuthorityProperties;
import io.shoperp.erpnext.CustomFieldSetup;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextException;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.erpnext.RequiredCustomField;
import io.shoperp.ingest.ShopifyProperties;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.mapping.ShopMappings;

/**
 * Checks everything the bridge needs from ERPNext and Shopify before the first order arrives, and says for each
 * thing PASS or FAIL with the fix in words: ERPNext reachable and the key valid, the API user's permissions, every
 * configured master and account, the ERPNext settings the bridge relies on, the unique custom fields, the clocks,
 * and per shop the Admin API token, its scopes and the webhook subscriptions. It only reads.
 */
public class SetupCheck {

    /** Frappe's whitelisted methods the check calls (frappe/auth.py, frappe/client.py). */
    static final String LOGGED_USER = "frappe.auth.get_logged_user";
    static final String HAS_PERMISSION = "frappe.client.has_permission";
    /** frappe/desk/form/load.py getdoctype: the doctype's meta, custom fields included, in the answer's docs. */
    static final String DOCTYPE_META = "frappe.desk.form.load.getdoctype";

    private final ErpNextClient erpnext;
    private final ErpNextProperties erpnextProperties;
    private final ShopMappings mappings;
    private final ErpNextMappingProperties globalMapping;
    private final ShopifyProperties shopify;
    private final AuthorityProperties authority;
    private final ShopifyChecks shopifyChecks;
    private final SetupCheckProperties properties;
    private final Clock clock;

    public SetupCheck(ErpNextClient erpnext, ErpNextProperties erpnextProperties, ShopMappings mappings,
                      ErpNextMappingProperties globalMapping, ShopifyProperties shopify, AuthorityProperties authority,
                      ShopifyChecks shopifyChecks, SetupCheckProperties properties, Clock clock) {
        this.erpnext = erpnext;
        this.erpnextProperties = erpnextProperties;
        this.mappings = mappings;
        this.globalMapping = globalMapping;
        this.shopify = shopify;
        this.authority = authority;
        this.shopifyChecks = shopifyChecks;
        this.properties = properties;
        this.clock = clock;
    }

    public SetupCheckReport run() {
        Instant started = clock.instant();
        List<SetupCheckResult> results = new ArrayList<>();
        Optional<ErpNextClient.MethodAnswer> login = login(results);
        if (login.isPresent()) {
            // Every further ERPNext check needs the key: without it each would only repeat the same refusal.
            guarded(results, "clock", () -> results.add(clock(login.get())));
            guarded(results, "permissions", () -> results.addAll(permissions()));
            mappingsToCheck().forEach(each -> guarded(results, each.label() + "masters", () -> results.addAll(
                    new MasterChecks(erpnext, each.mapping(), each.label(), each.keys()).run())));
            guarded(results, "settings", () -> results.addAll(settings()));
            guarded(results, "custom fields", () -> results.add(customFields()));
        }
        results.addAll(shopifyChecks.run());
        return new SetupCheckReport(started, results);
    }

    private Optional<ErpNextClient.MethodAnswer> login(List<SetupCheckResult> results) {
        String check = "ERPNext connection";
        try {
            ErpNextClient.MethodAnswer answer = erpnext.callMethod(LOGGED_USER, Map.of());
            results.add(SetupCheckResult.pass(check, erpnextProperties.url() + ", API user " + answer.message().asText()));
            return Optional.of(answer);
        } catch (ErpNextException e) {
            results.add(SetupCheckResult.fail(check, e.status() == 401 || e.status() == 403
                    ? "ERPNext at " + erpnextProperties.url() + " refused the API key (HTTP " + e.status() + "): set"
                            + " ERPNEXT_API_KEY and ERPNEXT_API_SECRET to a key pair of an enabled user"
                    : "cannot reach ERPNext at " + erpnextProperties.url() + " (" + e.getMessage() + "): check erpnext.url"
                            + " and that the site is up; the other ERPNext checks need it"));
            return Optional.empty();
        }
    }

    /** A check that cannot run (ERPNext failed mid-way) is a FAIL with the reason, not an exception. */
    private static void guarded(List<SetupCheckResult> results, String check, Runnable run) {
        try {
            run.run();
        } catch (ErpNextException e) {
            results.add(SetupCheckResult.fail(check, "not checked, ERPNext answered: " + e.getMessage()));
        }
    }

    /** A mapping to check, the label its lines start with and the prefix of its keys. */
    private record MappingToCheck(ErpNextMappingProperties mapping, String label, String keys) {
    }

    /** The global mapping, and each shop's own (only when it has one). */
    private List<MappingToCheck> mappingsToCheck() {
        List<MappingToCheck> toCheck = new ArrayList<>(List.of(new MappingToCheck(globalMapping, "", "erpnext.")));
        Set<ErpNextMappingProperties> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(globalMapping);
        List<ShopifyProperties.Shop> shops = shopify.getShops();
        for (int index = 0; index < shops.size(); index++) {
            String domain = shops.get(index).getDomain();
            if (domain != null && !domain.isBlank() && seen.add(mappings.forShop(domain))) {
                toCheck.add(new MappingToCheck(mappings.forShop(domain), "shop " + domain + " ",
                        "shopify.shops[" + index + "].erpnext."));
            }
        }
        return toCheck;
    }

    private SetupCheckResult clock(ErpNextClient.MethodAnswer answer) {
        if (answer.serverTime().isEmpty()) {
            return SetupCheckResult.fail("clock", "ERPNext's answer carries no readable Date header: check the proxy"
                    + " in front of it");
        }
        Instant server = answer.serverTime().get();
        Instant bridge = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration apart = Duration.between(server, bridge).abs();
        String both = "bridge " + bridge + ", ERPNext " + server;
        return apart.compareTo(properties.clockTolerance()) <= 0
                ? SetupCheckResult.pass("clock", both)
                : SetupCheckResult.fail("clock", both + ", " + apart.toSeconds() + " s apart (more than "
                        + properties.clockTolerance().toSeconds() + " s): synchronise both machines with NTP");
    }

    private List<SetupCheckResult> permissions() {
        List<SetupCheckResult> results = new ArrayList<>();
        for (RequiredPermission required : RequiredPermission.of(authority.getStock(), authority.getPrice(),
                globalMapping.hasPriceList())) {
            List<String> refused = required.types().stream().filter(type -> !allowed(required.doctype(), type)).toList();
            String check = "permissions " + required.doctype();
            results.add(refused.isEmpty()
                    ? SetupCheckResult.pass(check, String.join(", ", required.types()))
                    : SetupCheckResult.fail(check, "the API user may not " + String.join(", ", refused) + " "
                            + required.doctype() + ": give it the role " + required.role()));
        }
        return results;
    }

    /** frappe.client.has_permission with no document name: the doctype-level answer from the user's roles. */
    private boolean allowed(String doctype, String type) {
        return erpnext.callMethod(HAS_PERMISSION, Map.of("doctype", doctype, "docname", "", "perm_type", type))
                .message().path("has_permission").asBoolean(false);
    }

    private List<SetupCheckResult> settings() {
        ObjectNode stockSettings = erpnext.get("Stock Settings", "Stock Settings").orElseGet(
                ErpNextClient.objectMapper()::createObjectNode);
        String naming = stockSettings.path("item_naming_by").asText("Item Code");
        boolean autoInsert = stockSettings.path("auto_insert_price_list_rate_if_missing").asInt() == 1;
        return List.of(
                "Item Code".equals(naming)
                        ? SetupCheckResult.pass("Stock Settings item naming", "by Item Code")
                        : SetupCheckResult.fail("Stock Settings item naming", "by " + naming + ": set Stock Settings"
                                + " > Item Naming By to Item Code (Items are keyed by SKU)"),
                SetupCheckResult.pass("Stock Settings auto insert price list rate", (autoInsert ? "on: ERPNext adds"
                        + " Item Prices to the price list from order rates; point erpnext.price-list at a list of its"
                        + " own if that list must stay as it is" : "off") + " (the bridge works either way)"),
                SetupCheckResult.pass("Selling Settings allow multiple items", allowMultipleItems()
                        + " (the bridge works either way)"));
    }

    /** Only a Sales Manager or System Manager may read Selling Settings; the line is informative, so no FAIL. */
    private String allowMultipleItems() {
        try {
            return erpnext.get("Selling Settings", "Selling Settings")
                    .map(settings -> Integer.toString(settings.path("allow_multiple_items").asInt())).orElse("0");
        } catch (ErpNextPermanentException refused) {
            if (refused.status() != 403) {
                throw refused;
            }
            return "not readable by the API user";
        }
    }

    /**
     * From each doctype's meta (getdoctype: any logged-in user may load it, while reading Custom Field records takes a
     * System Manager), which lists the custom fields with their unique flag.
     */
    private SetupCheckResult customFields() {
        Map<String, Map<String, JsonNode>> fieldsByDoctype = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (RequiredCustomField field : CustomFieldSetup.REQUIRED_FIELDS) {
            JsonNode stored = fieldsByDoctype.computeIfAbsent(field.doctype(), this::metaFields).get(field.fieldname());
            if (stored == null) {
                problems.add(field.doctype() + "." + field.fieldname() + " missing");
            } else if (field.unique() && stored.path("unique").asInt() != 1) {
                problems.add(field.doctype() + "." + field.fieldname() + " not unique");
            }
        }
        return problems.isEmpty()
                ? SetupCheckResult.pass("custom fields", CustomFieldSetup.REQUIRED_FIELDS.size() + " present")
                : SetupCheckResult.fail("custom fields", String.join(", ", problems) + ": run the custom-field setup"
                        + " command (docs/erpnext.md), which creates missing ones and names those to make unique");
    }

    private Map<String, JsonNode> metaFields(String doctype) {
        Map<String, JsonNode> fields = new HashMap<>();
        erpnext.callMethod(DOCTYPE_META, Map.of("doctype", doctype)).body().path("docs").path(0).path("fields")
                .forEach(field -> fields.put(field.path("fieldname").asText(), field));
        return fields;
    }

    /** What the bridge does with a doctype, and the standard ERPNext v15 role that grants it (the doctype's JSON). */
    record RequiredPermission(String doctype, List<String> types, String role) {

        static List<RequiredPermission> of(Authority stock, Authority price, boolean priceList) {
            List<String> edit = List.of("read", "write", "create");
            List<String> book = List.of("read", "write", "create", "submit");
            List<RequiredPermission> needed = new ArrayList<>(List.of(
                    new RequiredPermission("Customer", edit, "Sales User"),
                    new RequiredPermission("Address", edit, "Sales User"),
                    new RequiredPermission("Contact", edit, "Sales User"),
                    new RequiredPermission("Item", edit, "Item Manager"),
                    // An order changed in Shopify cancels and amends its Sales Order; nothing else is cancelled.
                    new RequiredPermission("Sales Order", List.of("read", "write", "create", "submit", "cancel"),
                            "Sales User"),
                    new RequiredPermission("Sales Invoice", book, "Accounts User"),
                    new RequiredPermission("Delivery Note", book, "Stock User"),
                    new RequiredPermission("Payment Entry", book, "Accounts User")));
            if (priceList) {
                needed.add(price == Authority.SHOPIFY
                        ? new RequiredPermission("Item Price", edit, "Sales Master Manager")
                        : new RequiredPermission("Item Price", List.of("read"), "Sales Master Manager (or read access"
                                + " to Item Price only, see docs/erpnext.md)"));
            }
            if (stock == Authority.SHOPIFY) {
                needed.add(new RequiredPermission("Stock Reconciliation", List.of("read", "create", "submit"),
                        "Stock Manager"));
            }
            return needed;
        }
    }
}
