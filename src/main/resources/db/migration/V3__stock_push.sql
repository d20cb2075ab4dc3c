-- Stock push (ERPNext -> Shopify). Times are UTC, stored without zone.

-- Per Shopify inventory level, what the push last knew: ERPNext's available figure it pushed from (so a push writes
-- only what changed since) and Shopify's figure after its write or read (the changeFromQuantity of the next
-- compare-and-set). A genuine change reported by Shopify after shopify_seen_at makes the next push re-read.
CREATE TABLE stock_push_state (
    shop_domain        VARCHAR(255) NOT NULL,
    inventory_item_id  BIGINT       NOT NULL,
    location_id        BIGINT       NOT NULL,
    erpnext_available  INT          NOT NULL,
    shopify_available  INT          NOT NULL,
    shopify_seen_at    DATETIME(6)  NOT NULL,
    shopify_changed_at DATETIME(6),
    pushed_at          DATETIME(6),
    idempotency_key    VARCHAR(64),
    PRIMARY KEY (shop_domain, inventory_item_id, location_id)
);

-- Echo memory: every quantity the push is about to write, recorded before the call, so the inventory_levels/update
-- webhook it causes is recognised even when it is processed before the call's answer. Kept for the echo window.
CREATE TABLE stock_push_write (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    shop_domain        VARCHAR(255) NOT NULL,
    inventory_item_id  BIGINT       NOT NULL,
    location_id        BIGINT       NOT NULL,
    quantity           INT          NOT NULL,
    written_at         DATETIME(6)  NOT NULL
);
CREATE INDEX stock_push_write_level ON stock_push_write (shop_domain, inventory_item_id, location_id, written_at);
CREATE INDEX stock_push_write_time ON stock_push_write (written_at);
