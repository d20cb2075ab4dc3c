-- Compliance redaction (customers/redact, shop/redact): when an event's payload had its personal data removed.
-- A redacted event is kept (its outcome and history stay visible) but is no longer replayable.
ALTER TABLE inbox_event ADD COLUMN redacted_at DATETIME(6);
