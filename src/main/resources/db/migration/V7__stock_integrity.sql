-- Stock integrity (echoes, same-second changes, sales in flight). Times are UTC, stored without zone.

-- A write's echo is recognised once: the inventory_levels/update it caused marks it, and a later webhook with the
-- same quantity is a change of someone else's.
ALTER TABLE stock_push_write ADD COLUMN echoed_at DATETIME(6);

-- The sales accounting of a level: Shopify's figure at baseline_at, when every sale before it was either recorded in
-- ERPNext or waiting in the inbox; what the push wrote since (pushed_since_baseline); the decreases Shopify reported
-- since (reported_decrease, counted from reported_available, the last figure it reported), which a merchant's rise
-- cannot hide; and since when Shopify shows less than the orders that arrived explain (unexplained_since): a sale
-- whose order has not arrived yet, or a merchant's change once stock.unexplained-drop-grace has passed.
ALTER TABLE stock_push_state ADD COLUMN baseline_available INT;
ALTER TABLE stock_push_state ADD COLUMN baseline_at DATETIME(6);
ALTER TABLE stock_push_state ADD COLUMN pushed_since_baseline INT NOT NULL DEFAULT 0;
ALTER TABLE stock_push_state ADD COLUMN unexplained_since DATETIME(6);
ALTER TABLE stock_push_state ADD COLUMN reported_available INT;
ALTER TABLE stock_push_state ADD COLUMN reported_decrease INT NOT NULL DEFAULT 0;
