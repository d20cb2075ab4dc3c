-- Jobs an operator starts through the admin API (catalog import, order backfill). One instance at a time runs a job,
-- under a lease it renews page by page; the cursor of the last stored page lets any instance resume it after a
-- restart or a crash. active_key (kind and shop) is set while the job is QUEUED or RUNNING and cleared when it ends:
-- its unique index keeps a second job of the same kind for the same shop from starting beside it. Times are UTC.
CREATE TABLE admin_job (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind         VARCHAR(40)   NOT NULL,
    shop_domain  VARCHAR(255)  NOT NULL,
    active_key   VARCHAR(300),
    range_from   DATETIME(6),
    range_to     DATETIME(6),
    state        VARCHAR(16)   NOT NULL,
    page_cursor  VARCHAR(1000),
    total_count  BIGINT,
    done_count   BIGINT        NOT NULL DEFAULT 0,
    fed_count    BIGINT        NOT NULL DEFAULT 0,
    failed_count BIGINT        NOT NULL DEFAULT 0,
    requested_by VARCHAR(255)  NOT NULL,
    requested_at DATETIME(6)   NOT NULL,
    started_at   DATETIME(6),
    finished_at  DATETIME(6),
    next_run_at  DATETIME(6)   NOT NULL,
    lease_owner  VARCHAR(100),
    lease_until  DATETIME(6),
    last_error   VARCHAR(1000),
    CONSTRAINT admin_job_active UNIQUE (active_key)
);
CREATE INDEX admin_job_runnable ON admin_job (state, next_run_at);
