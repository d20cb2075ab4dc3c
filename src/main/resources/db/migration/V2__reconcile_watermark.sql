-- The reconciler's progress per shop (normalised domain): every order Shopify updated up to this instant (UTC) has
-- been compared with the inbox. Each run re-reads from a little before it, since Shopify's updated_at index lags.
CREATE TABLE reconcile_watermark (
    shop_domain VARCHAR(255) NOT NULL PRIMARY KEY,
    watermark   DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL
);
