package io.shoperp.erpnext.sandbox;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ERPNext's Single settings doctypes whose values switch the rules the sandbox models. They are stored like any
 * document, named like their doctype, as Frappe keeps them: a test (or the bridge) reads and changes them with
 * {@code GET/PUT /api/resource/Selling Settings/Selling Settings}. Rules read them through {@link #flag} and
 * {@link #text} while the store's lock is held.
 */
public final class SandboxSettings {

    public static final String SELLING = "Selling Settings";
    public static final String STOCK = "Stock Settings";
    public static final String ACCOUNTS = "Accounts Settings";
    public static final String GLOBAL_DEFAULTS = "Global Defaults";
    public static final String SYSTEM = "System Settings";

    /** The two ways a real site starts out; each order-to-cash test runs under both. */
    public enum Preset {
        /**
         * The doctypes' own defaults (the "default" of each field in selling_settings.json, stock_settings.json,
         * accounts_settings.json): a site set up without the wizard, or whose administrator turned its choices back.
         */
        DOCTYPE_DEFAULTS,
        /**
         * What erpnext/setup/setup_wizard/operations/defaults_setup.py set_default_settings writes over those:
         * Selling Settings allow_multiple_items = 1, so_required/dn_required = "No"; Stock Settings
         * auto_insert_price_list_rate_if_missing = 1, update_price_list_based_on = "Rate", valuation_method = "FIFO".
         */
        SETUP_WIZARD
    }

    private SandboxSettings() {
    }

    /** The settings documents of {@code preset}, field by field. */
    static Map<String, ObjectNode> of(Preset preset) {
        boolean wizard = preset == Preset.SETUP_WIZARD;
        Map<String, ObjectNode> settings = new LinkedHashMap<>();
        settings.put(SELLING, object()
                .put("cust_master_name", "Customer Name")
                .put("allow_multiple_items", wizard ? 1 : 0)
                .put("allow_against_multiple_purchase_orders", 0)
                .put("maintain_same_sales_rate", 0)
                .put("validate_selling_price", 0)
                .put("allow_negative_rates_for_items", 0)
                .put("dont_reserve_sales_order_qty_on_sales_return", 0)
                .put("so_required", wizard ? "No" : "")
                .put("dn_required", wizard ? "No" : ""));
        settings.put(STOCK, object()
                .put("item_naming_by", "Item Code")
                .put("valuation_method", wizard ? "FIFO" : "")
                .put("allow_negative_stock", 0)
                .put("auto_insert_price_list_rate_if_missing", wizard ? 1 : 0)
                .put("update_existing_price_list_rate", 0)
                .put("update_price_list_based_on", "Rate"));
        settings.put(ACCOUNTS, object()
                .put("add_taxes_from_item_tax_template", 1)
                .put("add_taxes_from_taxes_and_charges_template", 0)
                .put("allow_multi_currency_invoices_against_single_party_account", 0));
        settings.put(GLOBAL_DEFAULTS, object().put("disable_rounded_total", 0));
        settings.put(SYSTEM, object().put("time_zone", "UTC"));
        return settings;
    }

    /** A 0/1 setting of the given Single doctype (0 when unset). */
    static boolean flag(SandboxStore store, String settingsDoctype, String field) {
        return value(store, settingsDoctype, field).asInt(0) == 1;
    }

    static String text(SandboxStore store, String settingsDoctype, String field) {
        return value(store, settingsDoctype, field).asText("");
    }

    /** The server's wall clock in System Settings' time zone, which Frappe's nowdate() and nowtime() follow. */
    static ZonedDateTime now(SandboxStore store) {
        String zone = text(store, SYSTEM, "time_zone");
        return ZonedDateTime.now(store.clock().withZone(zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone)));
    }

    private static JsonNode value(SandboxStore store, String settingsDoctype, String field) {
        ObjectNode settings = store.stored(settingsDoctype, settingsDoctype);
        return settings == null ? JsonNodeFactory.instance.missingNode() : settings.path(field);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
