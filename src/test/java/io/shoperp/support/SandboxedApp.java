package io.shoperp.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One application instance processing its inbox against its own ERPNext sandbox: what most processing tests
 * start in @BeforeAll and close in @AfterAll. Webhooks go in over HTTP; the inbox is read back over JDBC.
 */
public final class SandboxedApp implements AutoCloseable {

    private final ErpNextSandbox sandbox;
    private final AppInstance app;
    private final JdbcTemplate jdbc;
    private final ShopifyWebhookClient shopify;

    private SandboxedApp(ErpNextSandbox sandbox, AppInstance app) {
        this.sandbox = sandbox;
        this.app = app;
        this.jdbc = app.bean(JdbcTemplate.class);
        this.shopify = new ShopifyWebhookClient(app.port());
    }

    /** A seeded sandbox and an instance on {@code jdbcUrl} with {@link ProcessingSettings} plus the overrides. */
    public static SandboxedApp start(String jdbcUrl, Map<String, String> overrides) {
        ErpNextSandbox sandbox = ErpNextSandbox.startSeeded();
        try {
            Map<String, String> settings = new HashMap<>(ProcessingSettings.against(sandbox, overrides));
            settings.putIfAbsent("erpnext.circuit-breaker.wait-duration-in-open-state", "500ms");
            return new SandboxedApp(sandbox, AppInstance.start(jdbcUrl, settings));
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    public ErpNextSandbox sandbox() {
        return sandbox;
    }

    public AppInstance app() {
        return app;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public ShopifyWebhookClient shopify() {
        return shopify;
    }

    /** Delivers a signed webhook with a fresh webhook id, expects 200, returns the id. */
    public String deliver(String topic, String json) {
        String webhookId = UUID.randomUUID().toString();
        assertThat(shopify.send(shopify.delivery(topic, webhookId, json)).statusCode()).isEqualTo(200);
        return webhookId;
    }

    /** The inbox status of a delivery. */
    public String status(String webhookId) {
        return jdbc.queryForObject("SELECT status FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }

    public String statusReason(String webhookId) {
        return jdbc.queryForObject("SELECT status_reason FROM inbox_event WHERE webhook_id = ?", String.class,
                webhookId);
    }

    /** The last failure of a delivery still retrying (or of a DEAD one); null when it never failed. */
    public String lastError(String webhookId) {
        return jdbc.queryForObject("SELECT last_error FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            sandbox.close();
        }
    }
}
