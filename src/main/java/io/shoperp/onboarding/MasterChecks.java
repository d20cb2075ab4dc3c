package io.shoperp.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.mapping.ErpNextMappingProperties;

/**
 * The masters and accounts one ERPNext mapping names: each exists, belongs to the mapping's company and, for accounts,
 * has a type its use allows and the company's currency. Read one by one through GET /api/resource/&lt;doctype&gt;/&lt;name&gt;.
 */
final class MasterChecks {

    /**
     * Tax and charge rows: ERPNext's Sales Taxes and Charges account filter (Tax, Chargeable, Income Account, Expense
     * Account, Expenses Included In Valuation); it does not refuse an account without a type, so neither does this.
     */
    private static final Set<String> CHARGE_TYPES = Set.of("Tax", "Chargeable", "Income Account", "Expense Account",
            "Expenses Included In Valuation", "");
    /** payment_entry.py validate_account_type: a receipt's paid_to is a Bank or Cash account. */
    private static final Set<String> PAYMENT_TYPES = Set.of("Bank", "Cash");

    private final ErpNextClient client;
    private final ErpNextMappingProperties mapping;
    /** "" for the global mapping, "shop x.myshopify.com " for a shop's own. */
    private final String label;
    /** Where the mapping's keys are set: "erpnext." or "shopify.shops[N].erpnext.". */
    private final String keys;
    private final List<SetupCheckResult> results = new ArrayList<>();
    private String currency;

    MasterChecks(ErpNextClient client, ErpNextMappingProperties mapping, String label, String keys) {
        this.client = client;
        this.mapping = mapping;
        this.label = label;
        this.keys = keys;
    }

    List<SetupCheckResult> run() {
        String company = mapping.getCompany();
        Optional<ObjectNode> companyDoc = required("company", "Company", company, "company");
        companyDoc.ifPresent(doc -> {
            currency = blankToNull(doc.path("default_currency").asText());
            pass("company", company + (currency == null ? "" : " (" + currency + ")"));
        });
        companyDoc.ifPresent(doc -> account("receivable account", "Receivable", Set.of("Receivable"),
                blankToNull(doc.path("default_receivable_account").asText()), company,
                "set the Company's Default Receivable Account"));

        Set<String> warehouses = new LinkedHashSet<>();
        Optional.ofNullable(blankToNull(mapping.getWarehouse())).ifPresent(warehouses::add);
        mapping.getWarehouses().values().stream().filter(name -> blankToNull(name) != null).forEach(warehouses::add);
        if (warehouses.isEmpty()) {
            fail("warehouse", "not set: set " + keys + "warehouse (or " + keys + "warehouses.<location id>)");
        }
        warehouses.forEach(name -> owned("warehouse", "Warehouse", name, company,
                keys + "warehouse or " + keys + "warehouses"));

        required("price list", "Price List", mapping.getPriceList(), "price-list").ifPresent(list -> {
            String listCurrency = blankToNull(list.path("currency").asText());
            if (list.path("selling").asInt(1) != 1) {
                fail("price list", mapping.getPriceList() + " is not a selling price list: tick Selling on it or set "
                        + keys + "price-list to a selling list");
            } else if (currency != null && listCurrency != null && !currency.equals(listCurrency)) {
                fail("price list", mapping.getPriceList() + " is in " + listCurrency + ", the company in " + currency
                        + ": set " + keys + "price-list to a list in " + currency);
            } else {
                pass("price list", mapping.getPriceList() + (listCurrency == null ? "" : " (" + listCurrency + ")"));
            }
        });
        passIfFound("customer group", "Customer Group", mapping.getCustomerGroup(), "customer-group");
        passIfFound("territory", "Territory", mapping.getTerritory(), "territory");
        passIfFound("item group", "Item Group", mapping.getItemGroup(), "item-group");
        passIfFound("UOM", "UOM", mapping.getStockUom(), "stock-uom");
        passIfFound("guest customer", "Customer", mapping.getGuestCustomer(), "guest-customer");

        String costCenter = mapping.costCenter()
                .orElse(companyDoc.map(doc -> blankToNull(doc.path("cost_center").asText())).orElse(null));
        if (costCenter == null) {
            fail("cost center", "neither " + keys + "cost-center nor the Company's default Cost Center is set: set one");
        } else {
            owned("cost center", "Cost Center", costCenter, company, keys + "cost-center");
        }

        Map<String, String> taxAccounts = new LinkedHashMap<>();
        taxAccounts.put("default-tax-account", mapping.getDefaultTaxAccount());
        mapping.getTaxAccounts().forEach((title, account) -> taxAccounts.put("tax-accounts." + title, account));
        taxAccounts.put("shipping-account", mapping.getShippingAccount());
        taxAccounts.forEach((property, account) -> configuredAccount(property, account, CHARGE_TYPES, company, true));
        configuredAccount("tip-account", mapping.getTipAccount(), CHARGE_TYPES, company, false);
        configuredAccount("duties-account", mapping.getDutiesAccount(), CHARGE_TYPES, company, false);
        boolean anyPaymentAccount = blankToNull(mapping.getDefaultPaymentAccount()) != null
                || !mapping.getPaymentAccounts().isEmpty();
        configuredAccount("default-payment-account", mapping.getDefaultPaymentAccount(), PAYMENT_TYPES, company,
                !anyPaymentAccount);
        mapping.getPaymentAccounts().forEach((gateway, account) ->
                configuredAccount("payment-accounts." + gateway, account, PAYMENT_TYPES, company, true));
        return results;
    }

    private void configuredAccount(String property, String account, Set<String> types, String company,
                                   boolean required) {
        String check = "account " + property;
        if (blankToNull(account) == null) {
            if (required) {
                fail(check, "not set: set " + keys + property);
            }
            return;
        }
        account(check, property, types, account, company, "set " + keys + property + " to another account");
    }

    private void account(String check, String use, Set<String> types, String name, String company, String fix) {
        if (name == null) {
            fail(check, "not set: " + fix);
            return;
        }
        Optional<ObjectNode> account;
        try {
            account = read("Account", name);
        } catch (Unreadable refused) {
            fail(check, refused.getMessage());
            return;
        }
        if (account.isEmpty()) {
            fail(check, "no Account '" + name + "' in ERPNext: create it or " + fix);
            return;
        }
        ObjectNode doc = account.get();
        String type = doc.path("account_type").asText("");
        String accountCurrency = blankToNull(doc.path("account_currency").asText());
        if (company != null && !company.equals(doc.path("company").asText())) {
            fail(check, name + " belongs to company " + doc.path("company").asText() + ", not " + company + ": " + fix);
        } else if (doc.path("is_group").asInt() == 1) {
            fail(check, name + " is a group account, which documents cannot book to: " + fix);
        } else if (!types.contains(type)) {
            fail(check, name + " has type '" + type + "', " + use + " needs "
                    + String.join(" or ", types.stream().filter(t -> !t.isEmpty()).sorted().toList())
                    + ": change its Account Type or " + fix);
        } else if (currency != null && accountCurrency != null && !currency.equals(accountCurrency)) {
            fail(check, name + " is in " + accountCurrency + ", the company in " + currency + ": " + fix);
        } else {
            pass(check, name + (type.isEmpty() ? "" : " (" + type + ")"));
        }
    }

    /** A master that belongs to a company (Warehouse, Cost Center). */
    private void owned(String check, String doctype, String name, String company, String property) {
        Optional<ObjectNode> doc;
        try {
            doc = read(doctype, name);
        } catch (Unreadable refused) {
            fail(check, refused.getMessage());
            return;
        }
        if (doc.isEmpty()) {
            fail(check, "no " + doctype + " '" + name + "' in ERPNext: create it or set " + property);
        } else if (company != null && !company.equals(doc.get().path("company").asText())) {
            fail(check, name + " belongs to company " + doc.get().path("company").asText() + ", not " + company
                    + ": set " + property + " to one of " + company);
        } else {
            pass(check, name);
        }
    }

    private void passIfFound(String check, String doctype, String name, String property) {
        required(check, doctype, name, property).ifPresent(doc -> pass(check, name));
    }

    /** The master, or empty after a FAIL line naming the property to set or the document to create. */
    private Optional<ObjectNode> required(String check, String doctype, String name, String property) {
        if (blankToNull(name) == null) {
            fail(check, "not set: set " + keys + property);
            return Optional.empty();
        }
        Optional<ObjectNode> doc;
        try {
            doc = read(doctype, name);
        } catch (Unreadable refused) {
            fail(check, refused.getMessage());
            return Optional.empty();
        }
        if (doc.isEmpty()) {
            fail(check, "no " + doctype + " '" + name + "' in ERPNext: create it or set " + keys + property);
        }
        return doc;
    }

    /** The API user may not read a doctype the bridge reads: one FAIL line saying so, not "missing". */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String doctype) {
            super("the API user may not read " + doctype + " (HTTP 403): give it a role that reads " + doctype
                    + " (docs/erpnext.md, the API user)", null, false, false);
        }
    }

    private Optional<ObjectNode> read(String doctype, String name) {
        try {
            return client.get(doctype, name);
        } catch (ErpNextPermanentException e) {
            if (e.status() == 403) {
                throw new Unreadable(doctype);
            }
            throw e;
        }
    }

    private void pass(String check, String detail) {
        results.add(SetupCheckResult.pass(label + check, detail));
    }

    private void fail(String check, String fix) {
        results.add(SetupCheckResult.fail(label + check, fix));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
