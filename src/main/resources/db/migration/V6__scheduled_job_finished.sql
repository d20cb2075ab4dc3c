-- When the job's last run finished; NULL while it runs. An on-demand run (the stock push an ERPNext webhook asks
-- for) may start within a finished run's period, but never while another run is going.
ALTER TABLE scheduled_job ADD COLUMN finished_at DATETIME(6) NULL;
