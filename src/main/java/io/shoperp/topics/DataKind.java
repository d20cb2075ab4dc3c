package io.shoperp.topics;

/** The kinds of data an authority rule ({@code authority.*}) decides: the data-kind column of the topic table. */
public enum DataKind {
    STOCK("stock"),
    PRICE("price"),
    CUSTOMER_DETAILS("customer-details"),
    PRODUCT_DETAILS("product-details"),
    ORDERS("orders");

    private final String tag;

    DataKind(String tag) {
        this.tag = tag;
    }

    /** The property name under {@code authority.} and the {@code kind} tag of {@code authority.rejected}. */
    public String tag() {
        return tag;
    }

    /** The kind named by its tag ("customer-details"), as configuration writes it. */
    public static DataKind ofTag(String tag) {
        for (DataKind kind : values()) {
            if (kind.tag.equals(tag)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown data kind '" + tag + "': expected one of stock, price,"
                + " customer-details, product-details, orders");
    }
}
