-- One migration set for MySQL/MariaDB and H2 (MODE=MySQL). Times are UTC, stored without zone.

-- Camel's JdbcMessageIdRepository table (its SQL is fixed: the names must match it exactly).
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(255) NOT NULL,
    createdAt     DATETIME(3)  NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
CREATE INDEX camel_messageprocessed_created ON CAMEL_MESSAGEPROCESSED (createdAt);

-- Every stored Shopify delivery, and later every synthetic event: the unit of work of the dispatcher.
CREATE TABLE inbox_event (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    shop_domain         VARCHAR(255) NOT NULL,
    topic               VARCHAR(128) NOT NULL,
    webhook_id          VARCHAR(255) NOT NULL,
    event_id            VARCHAR(255),
    triggered_at        DATETIME(6),
    api_version         VARCHAR(32),
    entity_key          VARCHAR(255) NOT NULL,
    resource_updated_at DATETIME(6),
    -- Shopify's order of the events of one entity: resource updated_at, else triggered-at, else received-at.
    order_at            DATETIME(6)  NOT NULL,
    payload             LONGBLOB     NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    status_reason       VARCHAR(1000),
    attempts            INT          NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME(6)  NOT NULL,
    -- Start of the current retry window (reset by a replay): retries give up a configured time after it.
    first_attempt_at    DATETIME(6),
    last_error          VARCHAR(2000),
    lease_owner         VARCHAR(100),
    lease_until         DATETIME(6),
    received_at         DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    CONSTRAINT inbox_event_delivery UNIQUE (shop_domain, webhook_id)
);
CREATE INDEX inbox_event_due ON inbox_event (status, next_attempt_at);
CREATE INDEX inbox_event_entity ON inbox_event (entity_key, status, order_at);
CREATE INDEX inbox_event_topic ON inbox_event (topic, status);

-- What happened to an event, attempt by attempt: shown by the admin API.
CREATE TABLE inbox_event_history (
    id        BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id  BIGINT        NOT NULL,
    at        DATETIME(6)   NOT NULL,
    status    VARCHAR(16)   NOT NULL,
    attempt   INT           NOT NULL,
    detail    VARCHAR(2000)
);
CREATE INDEX inbox_event_history_event ON inbox_event_history (event_id, id);

-- The newest resource version applied per Shopify resource, so an older update is recognised as stale.
CREATE TABLE applied_version (
    resource_key VARCHAR(255) NOT NULL PRIMARY KEY,
    updated_at   DATETIME(6)  NOT NULL,
    event_id     BIGINT       NOT NULL
);
