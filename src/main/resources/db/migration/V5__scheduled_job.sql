-- Scheduled jobs shared by every instance (stock push, reconciliation, purges): which instance started a job's
-- last run, and until when no other instance may start it (the rest of its period once it finished, or a lease
-- while it runs, so a run cut short by a crash is not blocking for ever).
CREATE TABLE scheduled_job (
    name          VARCHAR(100) NOT NULL PRIMARY KEY,
    owner         VARCHAR(255) NOT NULL,
    started_at    DATETIME(6)  NOT NULL,
    blocked_until DATETIME(6)  NOT NULL
);
