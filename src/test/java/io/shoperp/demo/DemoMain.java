package io.shoperp.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.erpnext.sandbox.SandboxSettings;
import io.shoperp.shopify.sandbox.ShopifySandbox;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.SandboxedApp;

/**
 * The demo of README's "Try it" ({@code ./mvnw -q -Pdemo verify}): the bridge as deployed (Spring Boot, Camel routes
 * from YAML, processing on, Flyway on an in-memory H2) between the ERPNext sandbox, set up as the setup wizard leaves a
 * site, and the Shopify sandbox as the shop's Admin API. It sends one order's life as signed webhooks over HTTP
 * ({@link DemoShop}), waits for each to be processed, prints the ERPNext documents it produced, then sends the refund
 * again twice: as Shopify retries (same webhook id) and as a replay (new id). Exits 0 when everything landed once at
 * Shopify's amounts, 1 naming what did not, 2 when it could not run.
 */
public final class DemoMain {

    /** Far above the second or so an event takes: an event still open after it is retrying, and says why. */
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private DemoMain() {
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(System.out).problems().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("The demo could not run: " + e + (cause == e ? "" : "\n  caused by: " + cause));
            exitCode = 2;
        }
        // The application's and sandboxes' pools are closed; exit without waiting on any thread they left behind.
        System.exit(exitCode);
    }

    /** Runs the demo, printing as it goes, and returns what it found once everything it started is closed. */
    public static DemoReport run(PrintStream out) {
        DemoShop shop = new DemoShop(Instant.now());
        out.println("Starting the ERPNext sandbox, the Shopify sandbox and the bridge (H2 in memory) ...");
        long starting = System.nanoTime();
        try (ShopifySandbox shopify = new ShopifySandbox().start();
             SandboxedApp bridge = SandboxedApp.start(inMemoryH2(), bridgeSettings(shopify))) {
            setUpErpNext(bridge.sandbox());
            shopify.putTransactions(DemoShop.ORDER_ID, shop.transactions());
            out.printf("Started in %.1f s: ERPNext sandbox %s, Shopify sandbox %s, bridge http://127.0.0.1:%d%n%n",
                    (System.nanoTime() - starting) / 1e9, bridge.sandbox().baseUrl(), shopify.adminApiUrl(),
                    bridge.app().port());

            Map<String, BigDecimal> stockBefore = stock(bridge.sandbox());
            out.println("Shopify -> bridge: signed webhooks over HTTP, each processed before the next is sent");
            out.println(Delivery.HEADER);
            List<DemoShop.Webhook> lifecycle = shop.lifecycle();
            List<Delivery> deliveries = new ArrayList<>();
            DemoShop.Webhook last = null;
            for (DemoShop.Webhook webhook : lifecycle) {
                Delivery delivery = deliver(bridge, webhook, UUID.randomUUID().toString());
                out.println(delivery.line());
                deliveries.add(delivery);
                last = webhook;
                if (!delivery.landed()) {
                    break;
                }
            }
            List<LinkedDocument> documents = LinkedDocument.in(bridge.sandbox());
            boolean allLanded = deliveries.size() == lifecycle.size()
                    && deliveries.stream().allMatch(Delivery::landed);

            Redelivery shopifyRetry = null;
            Redelivery replay = null;
            if (allLanded) {
                shopifyRetry = deliverAgain(bridge, "Shopify retries " + last.topic() + " (same X-Shopify-Webhook-Id)",
                        last, deliveries.get(deliveries.size() - 1).webhookId());
                replay = deliverAgain(bridge, "The same " + last.topic() + " under a new webhook id (a replay)", last,
                        UUID.randomUUID().toString());
            }
            DemoReport report = new DemoReport(deliveries, documents, stockBefore, stock(bridge.sandbox()), shopifyRetry,
                    replay, shop.total(), shop.refunded());

            out.println();
            out.println("ERPNext documents linked to Shopify (each by its unique key field), in the order they were made");
            report.printDocuments(out);
            if (allLanded) {
                out.println();
                out.println("Sent again");
                DemoReport.printRedelivery(out, shopifyRetry);
                DemoReport.printRedelivery(out, replay);
            }
            out.println();
            report.printVerdict(out);
            return report;
        }
    }

    /** A database of its own per run, gone with the JVM. */
    private static String inMemoryH2() {
        return "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
    }

    private static Map<String, String> bridgeSettings(ShopifySandbox shopify) {
        Map<String, String> settings = new LinkedHashMap<>();
        // The shop's Admin API: the bridge reads an order's captured transactions there to book its payments.
        settings.put("shopify.shops[0].admin-api-url", shopify.adminApiUrl());
        settings.put("shopify.shops[0].admin-api-token", shopify.accessToken());
        // Webhooks only: the reconciler's orders/updated events and the stock push's writes would mix into the output.
        settings.put("reconcile.enabled", "false");
        settings.put("stock.push-enabled", "false");
        // Only the demo calls it; and the output is the demo's tables, not Spring's banner.
        settings.put("server.address", "127.0.0.1");
        settings.put("spring.main.banner-mode", "off");
        // Its warning that the admin endpoints refuse every request without admin.password: the demo uses none.
        settings.put("logging.level.io.shoperp.ops.SecurityConfiguration", "ERROR");
        return settings;
    }

    /** The seeded masters, the settings the setup wizard leaves, and the Customer guest checkouts are booked to. */
    private static void setUpErpNext(ErpNextSandbox erpNext) {
        erpNext.useSettings(SandboxSettings.Preset.SETUP_WIZARD);
        ProcessingSettings.seedGuestCustomer(erpNext);
    }

    private static Map<String, BigDecimal> stock(ErpNextSandbox erpNext) {
        Map<String, BigDecimal> stock = new LinkedHashMap<>();
        for (String item : List.of(DemoShop.RED_SHIRT, DemoShop.BLUE_SHIRT)) {
            stock.put(item, erpNext.actualQty(item, DemoShop.WAREHOUSE));
        }
        return stock;
    }

    private static Redelivery deliverAgain(SandboxedApp bridge, String what, DemoShop.Webhook webhook, String webhookId) {
        List<LinkedDocument> documentsBefore = LinkedDocument.in(bridge.sandbox());
        long inboxEventsBefore = inboxEvents(bridge);
        Delivery delivery = deliver(bridge, webhook, webhookId);
        return new Redelivery(what, delivery, inboxEventsBefore, inboxEvents(bridge), documentsBefore,
                LinkedDocument.in(bridge.sandbox()));
    }

    /** Sends the webhook signed as Shopify signs it and waits until the inbox has finished with it. */
    private static Delivery deliver(SandboxedApp bridge, DemoShop.Webhook webhook, String webhookId) {
        HttpResponse<String> answer = bridge.shopify().send(
                bridge.shopify().delivery(webhook.topic(), webhookId, webhook.payload().toString()));
        String outcome = outcomeOf(answer.body());
        if (answer.statusCode() != 200) {
            return new Delivery(webhook.topic(), webhookId, answer.statusCode(), outcome, Delivery.REFUSED, answer.body());
        }
        String status = awaitFinished(bridge, webhookId);
        String reason = Delivery.FINISHED.contains(status) ? bridge.statusReason(webhookId)
                : "still " + status + " after " + PROCESSING_TIMEOUT.toSeconds() + " s; last error: "
                        + bridge.lastError(webhookId);
        return new Delivery(webhook.topic(), webhookId, answer.statusCode(), outcome, status, reason);
    }

    private static String awaitFinished(SandboxedApp bridge, String webhookId) {
        long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
        String status = bridge.status(webhookId);
        while (!Delivery.FINISHED.contains(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for webhook " + webhookId, e);
            }
            status = bridge.status(webhookId);
        }
        return status;
    }

    /** Ingest's answer, {"outcome":"accepted"} or "duplicate"; the body as it is when it is no such JSON. */
    private static String outcomeOf(String body) {
        try {
            return ErpNextClient.objectMapper().readTree(body).path("outcome").asText(body);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    private static long inboxEvents(SandboxedApp bridge) {
        return bridge.jdbc().queryForObject("SELECT COUNT(*) FROM inbox_event", Long.class);
    }
}
