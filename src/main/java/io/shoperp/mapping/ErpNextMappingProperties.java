package io.shoperp.mapping;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.shoperp.inbox.UnprocessableEventException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Shopify facts map onto this ERPNext site's masters ({@code erpnext.*} beside the connection settings).
 * A key the mapping needs but that is not configured fails the event permanently with a message naming the key.
 */
@ConfigurationProperties("erpnext")
public class ErpNextMappingProperties {

    private String company;
    private String warehouse;
    /** Shopify location id -> ERPNext warehouse. */
    private Map<String, String> warehouses = new LinkedHashMap<>();
    private String priceList;
    private String customerGroup;
    private String territory;
    private String itemGroup;
    private String stockUom = "Nos";
    /** Shopify tax line title -> ERPNext account. */
    private Map<String, String> taxAccounts = new LinkedHashMap<>();
    private String defaultTaxAccount;
    private String shippingAccount;
    private String tipAccount;
    private String dutiesAccount;
    /** Shopify payment gateway -> ERPNext account. */
    private Map<String, String> paymentAccounts = new LinkedHashMap<>();
    private String defaultPaymentAccount;
    /** ERPNext Customer used for orders without a Shopify customer (guest checkout). */
    private String guestCustomer;
    /** Cost Center of item and charge rows; unset: the company's default Cost Center. */
    private String costCenter;
    /** ERPNext doctype ("Sales Order", or sales-order) -> naming series; unset: the doctype's first option. */
    private Map<String, String> namingSeries = new LinkedHashMap<>();
    private boolean createMissingItems = true;
    /** When an order is invoiced: paid (default), fulfilled or created. */
    private InvoicePolicy invoiceOn = InvoicePolicy.PAID;
    /** How long an ERPNext Country found (or not found) by ISO code is remembered. */
    private Duration countryCacheTtl = Duration.ofHours(1);
    /** How long the company's currency is remembered. */
    private Duration companyCacheTtl = Duration.ofHours(1);
    /**
     * How long an order's Customer (by Shopify customer id), Addresses (by content key) and Items (by code) are
     * remembered once found or created, so the events of one order and a returning customer's next order do not look
     * them up again.
     */
    private Duration masterCacheTtl = Duration.ofMinutes(10);
    /** The most entries each of the bridge's ERPNext caches holds (least recently used dropped first). */
    private int masterCacheSize = 10_000;

    /** The configured value, or a UnprocessableEventException naming the property. */
    public static String require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new UnprocessableEventException("missing mapping: erpnext." + property + " is not configured");
        }
        return value;
    }

    /** The mapped value for a key, else the default, else a UnprocessableEventException naming both properties. */
    public static String lookup(Map<String, String> map, String key, String defaultValue, String property,
                                String defaultProperty) {
        return Optional.ofNullable(key).map(map::get).filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(defaultValue).filter(value -> !value.isBlank()))
                .orElseThrow(() -> new UnprocessableEventException("missing mapping: erpnext." + property + ".\"" + key
                        + "\" is not configured and erpnext." + defaultProperty + " is not set"));
    }

    public String company() {
        return require(company, "company");
    }

    public String customerGroup() {
        return require(customerGroup, "customer-group");
    }

    public String territory() {
        return require(territory, "territory");
    }

    public String priceList() {
        return require(priceList, "price-list");
    }

    /** Whether {@code erpnext.price-list} is set: the price sync has nothing to sync without it. */
    public boolean hasPriceList() {
        return priceList != null && !priceList.isBlank();
    }

    public String itemGroup() {
        return require(itemGroup, "item-group");
    }

    public String stockUom() {
        return require(stockUom, "stock-uom");
    }

    public String shippingAccount() {
        return require(shippingAccount, "shipping-account");
    }

    public String tipAccount() {
        return require(tipAccount, "tip-account");
    }

    public String dutiesAccount() {
        return require(dutiesAccount, "duties-account");
    }

    public String guestCustomer() {
        return require(guestCustomer, "guest-customer");
    }

    /** The warehouse of a Shopify location (null location: the default warehouse). */
    public String warehouseFor(Long locationId) {
        return lookup(warehouses, locationId == null ? null : locationId.toString(), warehouse, "warehouses",
                "warehouse");
    }

    /**
     * The account of the zero tax row a document without any tax or charge carries: ERPNext fills an empty taxes
     * table from the items' Item Tax Templates (accounts_controller.py set_taxes_and_charges).
     */
    public String noTaxAccount() {
        return require(defaultTaxAccount, "default-tax-account");
    }

    public String taxAccountFor(String taxTitle) {
        return lookup(taxAccounts, taxTitle, defaultTaxAccount, "tax-accounts", "default-tax-account");
    }

    /** The configured Cost Center, empty when ERPNext's company default applies. */
    public Optional<String> costCenter() {
        return Optional.ofNullable(costCenter).filter(value -> !value.isBlank());
    }

    /**
     * The naming series configured for a doctype, keyed by its name ("Sales Order") or that name in kebab case
     * ("sales-order", the form a property key takes most easily); empty when ERPNext's first option applies.
     */
    public Optional<String> namingSeriesFor(String doctype) {
        String wanted = doctypeKey(doctype);
        return namingSeries.entrySet().stream()
                .filter(entry -> doctypeKey(entry.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }

    private static String doctypeKey(String doctype) {
        return doctype.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "-");
    }

    public String paymentAccountFor(String gateway) {
        return lookup(paymentAccounts, gateway, defaultPaymentAccount, "payment-accounts",
                "default-payment-account");
    }

    // Setters and raw getters for binding.

    public String getCompany() {
        return company;
    }

    public void setCompany(String company) {
        this.company = company;
    }

    public String getWarehouse() {
        return warehouse;
    }

    public void setWarehouse(String warehouse) {
        this.warehouse = warehouse;
    }

    public Map<String, String> getWarehouses() {
        return warehouses;
    }

    public void setWarehouses(Map<String, String> warehouses) {
        this.warehouses = warehouses;
    }

    public String getPriceList() {
        return priceList;
    }

    public void setPriceList(String priceList) {
        this.priceList = priceList;
    }

    public String getCustomerGroup() {
        return customerGroup;
    }

    public void setCustomerGroup(String customerGroup) {
        this.customerGroup = customerGroup;
    }

    public String getTerritory() {
        return territory;
    }

    public void setTerritory(String territory) {
        this.territory = territory;
    }

    public String getItemGroup() {
        return itemGroup;
    }

    public void setItemGroup(String itemGroup) {
        this.itemGroup = itemGroup;
    }

    public String getStockUom() {
        return stockUom;
    }

    public void setStockUom(String stockUom) {
        this.stockUom = stockUom;
    }

    public Map<String, String> getTaxAccounts() {
        return taxAccounts;
    }

    public void setTaxAccounts(Map<String, String> taxAccounts) {
        this.taxAccounts = taxAccounts;
    }

    public String getDefaultTaxAccount() {
        return defaultTaxAccount;
    }

    public void setDefaultTaxAccount(String defaultTaxAccount) {
        this.defaultTaxAccount = defaultTaxAccount;
    }

    public String getShippingAccount() {
        return shippingAccount;
    }

    public void setShippingAccount(String shippingAccount) {
        this.shippingAccount = shippingAccount;
    }

    public Duration getCountryCacheTtl() {
        return countryCacheTtl;
    }

    public void setCountryCacheTtl(Duration countryCacheTtl) {
        if (countryCacheTtl == null || countryCacheTtl.isNegative()) {
            throw new IllegalArgumentException("erpnext.country-cache-ttl must not be negative, not " + countryCacheTtl);
        }
        this.countryCacheTtl = countryCacheTtl;
    }

    public Duration getCompanyCacheTtl() {
        return companyCacheTtl;
    }

    public void setCompanyCacheTtl(Duration companyCacheTtl) {
        if (companyCacheTtl == null || companyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("erpnext.company-cache-ttl must not be negative, not " + companyCacheTtl);
        }
        this.companyCacheTtl = companyCacheTtl;
    }

    public Duration getMasterCacheTtl() {
        return masterCacheTtl;
    }

    public void setMasterCacheTtl(Duration masterCacheTtl) {
        if (masterCacheTtl == null || masterCacheTtl.isNegative()) {
            throw new IllegalArgumentException("erpnext.master-cache-ttl must not be negative, not " + masterCacheTtl);
        }
        this.masterCacheTtl = masterCacheTtl;
    }

    public int getMasterCacheSize() {
        return masterCacheSize;
    }

    public void setMasterCacheSize(int masterCacheSize) {
        if (masterCacheSize < 1) {
            throw new IllegalArgumentException("erpnext.master-cache-size must be at least 1, not " + masterCacheSize);
        }
        this.masterCacheSize = masterCacheSize;
    }

    public String getTipAccount() {
        return tipAccount;
    }

    public void setTipAccount(String tipAccount) {
        this.tipAccount = tipAccount;
    }

    public String getDutiesAccount() {
        return dutiesAccount;
    }

    public void setDutiesAccount(String dutiesAccount) {
        this.dutiesAccount = dutiesAccount;
    }

    public Map<String, String> getPaymentAccounts() {
        return paymentAccounts;
    }

    public void setPaymentAccounts(Map<String, String> paymentAccounts) {
        this.paymentAccounts = paymentAccounts;
    }

    public String getDefaultPaymentAccount() {
        return defaultPaymentAccount;
    }

    public void setDefaultPaymentAccount(String defaultPaymentAccount) {
        this.defaultPaymentAccount = defaultPaymentAccount;
    }

    public String getGuestCustomer() {
        return guestCustomer;
    }

    public void setGuestCustomer(String guestCustomer) {
        this.guestCustomer = guestCustomer;
    }

    public String getCostCenter() {
        return costCenter;
    }

    public void setCostCenter(String costCenter) {
        this.costCenter = costCenter;
    }

    public Map<String, String> getNamingSeries() {
        return namingSeries;
    }

    public void setNamingSeries(Map<String, String> namingSeries) {
        this.namingSeries = namingSeries;
    }

    public boolean isCreateMissingItems() {
        return createMissingItems;
    }

    public void setCreateMissingItems(boolean createMissingItems) {
        this.createMissingItems = createMissingItems;
    }

    public InvoicePolicy getInvoiceOn() {
        return invoiceOn;
    }

    public void setInvoiceOn(InvoicePolicy invoiceOn) {
        if (invoiceOn == null) {
            throw new IllegalArgumentException("erpnext.invoice-on must be paid, fulfilled or created");
        }
        this.invoiceOn = invoiceOn;
    }
}
