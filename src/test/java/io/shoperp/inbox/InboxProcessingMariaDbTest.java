package io.shoperp.inbox;

import static io.shoperp.inbox.UtcColumns.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.support.AppInstance;
import io.shoperp.support.MariaDbServer;
import io.shoperp.support.ProcessingSettings;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * customers/* events from webhook to ERPNext sandbox on a real MariaDB: crash recovery, outages, dead letters
 * and replay, two instances, out-of-order updates, restarts. Each test uses its own Shopify customer ids.
 */
class InboxProcessingMariaDbTest {

    private static final AtomicLong NEXT_CUSTOMER = new AtomicLong(9_007_199_254_740_000L);
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final String ADMIN_PASSWORD = "processing-admin";

    static ErpNextSandbox sandbox;
    static String jdbcUrl;
    static JdbcTemplate jdbc;
    static AppInstance ingestOnly;

    private final List<AppInstance> started = new ArrayList<>();

    @BeforeAll
    static void startSandboxAndDatabase() {
        sandbox = ErpNextSandbox.startSeeded();
        jdbcUrl = MariaDbServer.get().createSchema("processing_test");
        // Stores deliveries without processing them, so tests can set up inbox states before a worker runs.
        ingestOnly = AppInstance.start(jdbcUrl, Map.of("processing.enabled", "false"));
        jdbc = ingestOnly.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stopAll() {
        if (ingestOnly != null) {
            ingestOnly.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(AppInstance::close);
        sandbox.faults().clear();
    }

    @Test
    void aWorkerKilledMidEventLosesItsLeaseAndTheEventCompletesOnce() {
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String webhookId = deliver("customers/create", customerJson(customer, "Kai", "Crash", T0));
        // What kill -9 leaves behind: the row leased to a dead worker, and the Customer it had already created.
        jdbc.update("UPDATE inbox_event SET status = 'PROCESSING', lease_owner = 'dead-worker', attempts = 1,"
                + " first_attempt_at = ?, lease_until = ? WHERE webhook_id = ?", utc(Instant.now()),
                utc(Instant.now().plusSeconds(600)), webhookId);
        sandbox.seedDocument("Customer", ErpDocuments.customer(String.valueOf(customer), "Kai Crash")
                .put("name", "Kai Crash"));

        AppInstance survivor = worker(Map.of());
        // While the dead worker's lease runs, nobody else touches the event.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> jdbc.queryForObject(
                "SELECT lease_owner FROM inbox_event WHERE webhook_id = ? AND status = 'PROCESSING'", String.class,
                webhookId).equals("dead-worker"));
        jdbc.update("UPDATE inbox_event SET lease_until = ? WHERE webhook_id = ?", utc(Instant.now().minusSeconds(1)),
                webhookId);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(webhookId).equals("DONE"));

        assertThat(sandbox.count("Customer", "shopify_customer_id", String.valueOf(customer))).isEqualTo(1);
        assertThat(sandbox.count("Contact", "shopify_customer_id", String.valueOf(customer))).isEqualTo(1);
        assertThat(history(webhookId)).anyMatch(line -> line.contains("lease of dead-worker expired"))
                .filteredOn(line -> line.startsWith("DONE")).hasSize(1);
        assertThat(survivor.port()).isPositive();
    }

    @Test
    void eventsSentDuringAnErpNextOutageAllLandAfterItInOrder() {
        worker(Map.of());
        sandbox.faults().failNext(100_000, 503, null);
        List<Long> customers = List.of(NEXT_CUSTOMER.incrementAndGet(), NEXT_CUSTOMER.incrementAndGet(),
                NEXT_CUSTOMER.incrementAndGet());
        List<String> webhookIds = new ArrayList<>();
        for (long customer : customers) {
            webhookIds.add(deliver("customers/create", customerJson(customer, "First", "V1", T0)));
            webhookIds.add(deliver("customers/update", customerJson(customer, "Second", "V2", T0.plusSeconds(60))));
            webhookIds.add(deliver("customers/update", customerJson(customer, "Third", "V3", T0.plusSeconds(120))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> webhookIds.stream().anyMatch(id -> attempts(id) >= 1));
        // Retried throughout the outage: a snapshot finds each event waiting or inside an attempt, never finished.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> webhookIds.stream().allMatch(InboxProcessingMariaDbTest::isOpen));

        sandbox.faults().clear();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> webhookIds.stream().noneMatch(InboxProcessingMariaDbTest::isOpen));
        // All DONE and none IGNORED as stale: the three versions of each customer applied oldest first.
        assertThat(webhookIds).allSatisfy(id -> assertThat(status(id)).isEqualTo("DONE"));
        for (long customer : customers) {
            assertThat(sandbox.documents("Customer")).filteredOn(doc -> doc.path("shopify_customer_id").asText()
                    .equals(String.valueOf(customer))).singleElement()
                    .satisfies(doc -> assertThat(doc.path("customer_name").asText()).isEqualTo("Third V3"));
        }
    }

    @Test
    void aPermanentRefusalGoesDeadWithTheReasonAndReplaysToDoneOnceFixed() throws Exception {
        AppInstance app = worker(Map.of("erpnext.customer-group", "Wholesale", "admin.password", ADMIN_PASSWORD));
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String webhookId = deliver("customers/create", customerJson(customer, "Dee", "Lettered", T0));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("DEAD"));
        String reason = jdbc.queryForObject("SELECT status_reason FROM inbox_event WHERE webhook_id = ?",
                String.class, webhookId);
        assertThat(reason).contains("417").contains("Wholesale");
        assertThat(sandbox.count("Customer", "shopify_customer_id", String.valueOf(customer))).isZero();

        sandbox.seedDocument("Customer Group", ErpNextClient.objectMapper().createObjectNode()
                .put("name", "Wholesale").put("parent_customer_group", "All Customer Groups"));
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + app.port() + "/admin/events/" + eventId(webhookId) + "/replay"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("DONE"));
        assertThat(sandbox.count("Customer", "shopify_customer_id", String.valueOf(customer))).isEqualTo(1);
    }

    @Test
    void replayingADoneEventChangesNothingInErpNext() {
        AppInstance app = worker(Map.of());
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String webhookId = deliver("customers/create", customerJson(customer, "Ray", "Play", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("DONE"));
        // Writes are counted sandbox-wide, so the count is taken once no other delivery of the shop is in flight.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event"
                + " WHERE shop_domain = ? AND status IN ('PENDING', 'PROCESSING')", Integer.class,
                ShopifyWebhookClient.SHOP) == 0);
        int writes = writes();

        assertThat(app.bean(InboxStore.class).replay(eventId(webhookId), "test")).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("DONE")
                && history(webhookId).stream().filter(line -> line.startsWith("DONE")).count() == 2);
        assertThat(writes()).isEqualTo(writes);
    }

    @Test
    void twoInstancesShareTheInboxWithoutApplyingAnyEventTwice() {
        // Small batches and a slower ERPNext, so that both instances find work while the other is busy.
        Map<String, String> sharing = Map.of("processing.batch-size", "2");
        AppInstance one = worker(sharing);
        AppInstance two = worker(sharing);
        sandbox.faults().latency(Duration.ofMillis(50));
        List<ShopifyWebhookClient> clients = List.of(new ShopifyWebhookClient(one.port()),
                new ShopifyWebhookClient(two.port()));
        Map<Long, String> finalNames = new HashMap<>();
        List<String> webhookIds = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            long customer = NEXT_CUSTOMER.incrementAndGet();
            for (int version = 1; version <= 3; version++) {
                String json = customerJson(customer, "Multi" + c, "V" + version, T0.plusSeconds(version));
                ShopifyWebhookClient client = clients.get((c + version) % 2);
                String webhookId = UUID.randomUUID().toString();
                assertThat(client.send(client.delivery(version == 1 ? "customers/create" : "customers/update",
                        webhookId, json)).statusCode()).isEqualTo(200);
                webhookIds.add(webhookId);
            }
            finalNames.put(customer, "Multi" + c + " V3");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> webhookIds.stream().allMatch(id -> status(id).equals("DONE")));
        assertThat(webhookIds).allSatisfy(id -> assertThat(history(id))
                .filteredOn(line -> line.startsWith("DONE")).hasSize(1));
        finalNames.forEach((customer, name) -> assertThat(sandbox.documents("Customer"))
                .filteredOn(doc -> doc.path("shopify_customer_id").asText().equals(String.valueOf(customer)))
                .singleElement().satisfies(doc -> assertThat(doc.path("customer_name").asText()).isEqualTo(name)));
        assertThat(List.of(one, two)).allSatisfy(instance -> assertThat(instance.bean(MeterRegistry.class)
                .find("inbox.outcomes").tag("outcome", "done").counters().stream()
                .mapToDouble(counter -> counter.count()).sum()).isPositive());
    }

    @Test
    void anUpdateOlderThanTheAppliedOneEndsIgnoredAsStale() {
        worker(Map.of());
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String newer = deliver("customers/update", customerJson(customer, "New", "Name", T0.plusSeconds(600)));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(newer).equals("DONE"));

        String older = deliver("customers/update", customerJson(customer, "Old", "Name", T0));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(older).equals("IGNORED"));
        assertThat(jdbc.queryForObject("SELECT status_reason FROM inbox_event WHERE webhook_id = ?", String.class,
                older)).startsWith("stale");
        assertThat(sandbox.documents("Customer")).filteredOn(doc -> doc.path("shopify_customer_id").asText()
                .equals(String.valueOf(customer))).singleElement()
                .satisfies(doc -> assertThat(doc.path("customer_name").asText()).isEqualTo("New Name"));
    }

    @Test
    void aRestartKeepsTheScheduleOfEventsWaitingForARetry() {
        AppInstance first = worker(Map.of("processing.retry.initial-delay", "1h", "processing.retry.max-delay", "2h"));
        sandbox.faults().failNext(1, 503, null);
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String webhookId = deliver("customers/create", customerJson(customer, "Later", "Please", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("PENDING")
                && attempts(webhookId) == 1);
        LocalDateTime scheduled = nextAttempt(webhookId);
        assertThat(scheduled).isAfter(LocalDateTime.now(ZoneOffset.UTC).plusMinutes(45));
        first.close();
        started.remove(first);

        worker(Map.of());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> status(webhookId).equals("PENDING") && nextAttempt(webhookId).equals(scheduled));

        jdbc.update("UPDATE inbox_event SET next_attempt_at = ? WHERE webhook_id = ?", utc(Instant.now()), webhookId);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(webhookId).equals("DONE"));
    }

    private AppInstance worker(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(ProcessingSettings.against(sandbox, overrides));
        settings.putIfAbsent("erpnext.circuit-breaker.wait-duration-in-open-state", "500ms");
        AppInstance instance = AppInstance.start(jdbcUrl, settings);
        started.add(instance);
        return instance;
    }

    @Test
    void customersRedactRemovesTheCustomersPersonalDataFromTheInboxAndLeavesErpNextAlone() {
        worker(Map.of());
        long customer = NEXT_CUSTOMER.incrementAndGet();
        String created = deliver("customers/create", customerJson(customer, "Rita", "Redact", T0));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(created).equals("DONE"));

        String redact = deliver("customers/redact", """
                {"shop_id":1,"shop_domain":"%s","customer":{"id":%d,"email":"rita@example.com","phone":"+4930123456"},\
                "orders_to_redact":[]}""".formatted(ShopifyWebhookClient.SHOP, customer));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(redact).equals("DONE"));

        assertThat(payload(created)).doesNotContain("Rita", "rita@", "Hauptstra", "+4930").contains("\"id\":" + customer);
        assertThat(payload(redact)).doesNotContain("rita@", "+4930");
        assertThat(history(redact)).last().asString().startsWith("DONE payloads of 2 event(s) of customer " + customer);
        assertThat(sandbox.count("Customer", "shopify_customer_id", String.valueOf(customer))).isEqualTo(1);
    }

    @Test
    void finishedEventsPastTheRetentionArePurgedOnMariaDbAndWhatRefundsNeedIsKept() {
        new FinishedEventPurgeScenario(jdbc).run(ingestOnly.bean(FinishedEventPurger.class));
    }

    private static String deliver(String topic, String json) {
        ShopifyWebhookClient client = new ShopifyWebhookClient(ingestOnly.port());
        String webhookId = UUID.randomUUID().toString();
        assertThat(client.send(client.delivery(topic, webhookId, json)).statusCode()).isEqualTo(200);
        return webhookId;
    }

    private static String customerJson(long id, String first, String last, Instant updatedAt) {
        return """
                {"id":%d,"email":"%s@example.com","first_name":"%s","last_name":"%s","phone":"+4930123456",\
                "updated_at":"%s","default_address":{"id":%d,"address1":"Hauptstraße 1","city":"Berlin",\
                "zip":"10115","country":"Germany","country_code":"DE"}}"""
                .formatted(id, first.toLowerCase(), first, last, updatedAt, id + 1);
    }

    private static String status(String webhookId) {
        return jdbc.queryForObject("SELECT status FROM inbox_event WHERE webhook_id = ?", String.class, webhookId);
    }

    private static boolean isOpen(String webhookId) {
        String status = status(webhookId);
        return status.equals("PENDING") || status.equals("PROCESSING");
    }

    private static int attempts(String webhookId) {
        return jdbc.queryForObject("SELECT attempts FROM inbox_event WHERE webhook_id = ?", Integer.class, webhookId);
    }

    private static String payload(String webhookId) {
        return new String(jdbc.queryForObject("SELECT payload FROM inbox_event WHERE webhook_id = ?", byte[].class,
                webhookId), StandardCharsets.UTF_8);
    }

    private static long eventId(String webhookId) {
        return jdbc.queryForObject("SELECT id FROM inbox_event WHERE webhook_id = ?", Long.class, webhookId);
    }

    private static LocalDateTime nextAttempt(String webhookId) {
        return jdbc.queryForObject("SELECT next_attempt_at FROM inbox_event WHERE webhook_id = ?",
                LocalDateTime.class, webhookId);
    }

    private static List<String> history(String webhookId) {
        return jdbc.queryForList("SELECT CONCAT(h.status, ' ', COALESCE(h.detail, '')) FROM inbox_event_history h"
                + " JOIN inbox_event e ON e.id = h.event_id WHERE e.webhook_id = ? ORDER BY h.id", String.class, webhookId);
    }

    private static int writes() {
        return List.of("Customer", "Address", "Contact").stream()
                .mapToInt(doctype -> sandbox.requestCount("POST", doctype) + sandbox.requestCount("PUT", doctype))
                .sum();
    }
}
