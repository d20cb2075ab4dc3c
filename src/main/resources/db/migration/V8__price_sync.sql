-- Price sync between ERPNext's Item Price (erpnext.price-list) and Shopify's variant price. Times are UTC, stored
-- without zone; prices are money at the precision either side keeps (DECIMAL(18,6) holds both).

-- Per Shopify variant, what the sync last knew: the Item Price it last synced from or wrote (erpnext_price; a
-- different Item Price is a change in ERPNext), Shopify's price after its last write, read or report
-- (shopify_price, as of shopify_seen_at; an older report is old news), the last price the push wrote to Shopify
-- (written_price at written_at: the products/update echo of that write is recognised by it), and since when a
-- change Shopify reported that was not ours waits for the next push (shopify_changed_at).
CREATE TABLE price_sync_state (
    shop_domain        VARCHAR(255)   NOT NULL,
    variant_id         BIGINT         NOT NULL,
    item_code          VARCHAR(140)   NOT NULL,
    erpnext_price      DECIMAL(18, 6),
    shopify_price      DECIMAL(18, 6) NOT NULL,
    shopify_seen_at    DATETIME(6)    NOT NULL,
    written_price      DECIMAL(18, 6),
    written_at         DATETIME(6),
    shopify_changed_at DATETIME(6),
    PRIMARY KEY (shop_domain, variant_id)
);
