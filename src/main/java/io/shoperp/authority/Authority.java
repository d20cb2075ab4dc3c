package io.shoperp.authority;

/** The system whose figure wins for a kind of data; changes from the other side are not applied. */
public enum Authority {
    SHOPIFY,
    ERPNEXT
}
