package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoperp.support.H2AppTest;
import io.shoperp.support.ShopifyWebhookClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin API over real HTTP: filters, paging, detail with history, replay rules, clear 4xx answers. */
@H2AppTest
class AdminEventsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String topic;

    @BeforeEach
    void uniqueTopic() {
        // Each test lists its own topic, so tests sharing the application do not see each other's events.
        topic = "admintest" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "/create";
    }

    @Test
    void listsEventsFilteredByStatusTopicAndShopInPages() throws Exception {
        long first = deliver("{\"id\":1}");
        long second = deliver("{\"id\":2}");
        long third = deliver("{\"id\":3}");
        markDead(second);

        JsonNode pending = json(get("/admin/events?status=pending&topic=" + topic + "&shop="
                + ShopifyWebhookClient.SHOP.toUpperCase() + "&size=1&page=1"));
        JsonNode dead = json(get("/admin/events?status=DEAD&topic=" + topic));

        assertThat(pending.get("total").asLong()).isEqualTo(2);
        assertThat(pending.get("items")).hasSize(1);
        assertThat(pending.get("items").get(0).get("id").asLong()).isEqualTo(first);
        assertThat(dead.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(second);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void showsOneEventWithItsPayloadAndHistory() throws Exception {
        long id = deliver("{\"id\":42,\"note\":\"Grüße\"}");
        markDead(id);
        post("/admin/events/" + id + "/replay");

        JsonNode event = json(get("/admin/events/" + id));

        assertThat(event.get("payload").asText()).isEqualTo("{\"id\":42,\"note\":\"Grüße\"}");
        assertThat(event.get("event").get("entityKey").asText()).startsWith("admintest");
        assertThat(event.get("event").get("status").asText()).isEqualTo("PENDING");
        assertThat(event.get("history").get(0).get("detail").asText()).isEqualTo("replayed by admin");
    }

    @Test
    void replaysADeadEventButRefusesAnUnfinishedOne() throws Exception {
        long dead = deliver("{\"id\":5}");
        long pending = deliver("{\"id\":6}");
        markDead(dead);

        HttpResponse<String> replayed = post("/admin/events/" + dead + "/replay");
        HttpResponse<String> refused = post("/admin/events/" + pending + "/replay");

        assertThat(replayed.statusCode()).isEqualTo(202);
        assertThat(status(dead)).isEqualTo("PENDING");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("is PENDING: only DONE, IGNORED or DEAD events can be replayed");
    }

    @Test
    void refusesToReplayARedactedEventAndShowsWhenItWasRedacted() throws Exception {
        long dead = deliver("{\"id\":9}");
        markDead(dead);
        jdbc.update("UPDATE inbox_event SET redacted_at = '2026-11-29 10:00:00' WHERE id = ?", dead);

        HttpResponse<String> refused = post("/admin/events/" + dead + "/replay");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("cannot be replayed: its payload was redacted at 2026-11-29T10:00:00Z");
        assertThat(status(dead)).isEqualTo("DEAD");
        assertThat(json(get("/admin/events/" + dead)).get("redactedAt").asText()).isEqualTo("2026-11-29T10:00:00Z");
    }

    @Test
    void replaysEveryDeadEventOfATopicInBulk() throws Exception {
        long one = deliver("{\"id\":7}");
        long two = deliver("{\"id\":8}");
        markDead(one);
        markDead(two);

        HttpResponse<String> response = post("/admin/events/replay?status=DEAD&topic=" + topic);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("replayed").asLong()).isEqualTo(2);
        assertThat(status(one)).isEqualTo("PENDING");
        assertThat(status(two)).isEqualTo("PENDING");
    }

    @Test
    void listsAndReplaysTheEventsOfOneEntity() throws Exception {
        long first = deliver("{\"id\":41}");
        long second = deliver("{\"id\":41}");
        long other = deliver("{\"id\":42}");
        String entityKey = URLEncoder.encode(jdbc.queryForObject("SELECT entity_key FROM inbox_event WHERE id = ?",
                String.class, first), StandardCharsets.UTF_8);

        JsonNode events = json(get("/admin/events?entityKey=" + entityKey));

        assertThat(events.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(second, first);
        List.of(first, second, other).forEach(this::markDead);
        HttpResponse<String> replay = post("/admin/events/replay?status=DEAD&entityKey=" + entityKey);
        assertThat(json(replay).get("replayed").asLong()).isEqualTo(2);
        assertThat(status(first)).isEqualTo("PENDING");
        assertThat(status(other)).isEqualTo("DEAD");
    }

    @Test
    void answersBadIdsAndFiltersWithAClear4xx() throws Exception {
        assertError(get("/admin/events?status=LOST"), 400, "unknown status 'LOST': one of PENDING, PROCESSING");
        assertError(get("/admin/events?size=0"), 400, "size must be between 1 and 500");
        assertError(get("/admin/events?page=-1"), 400, "page must be 0 or more");
        assertError(get("/admin/events/abc"), 400, "id must be a whole number");
        assertError(get("/admin/events/999999999"), 404, "no event 999999999");
        assertError(post("/admin/events/999999999/replay"), 404, "no event 999999999");
        assertError(post("/admin/events/replay"), 400, "parameter status is required");
        assertError(post("/admin/events/replay?status=PENDING"), 400, "bulk replay takes status DEAD or IGNORED");
    }

    @Test
    void refusesCallersWithoutTheAdminCredentials() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/admin/events")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private long deliver(String json) {
        String webhookId = UUID.randomUUID().toString();
        ShopifyWebhookClient shopify = new ShopifyWebhookClient(port);
        assertThat(shopify.send(shopify.delivery(topic, webhookId, json)).statusCode()).isEqualTo(200);
        return jdbc.queryForObject("SELECT id FROM inbox_event WHERE webhook_id = ?", Long.class, webhookId);
    }

    private void markDead(long id) {
        jdbc.update("UPDATE inbox_event SET status = 'DEAD', status_reason = 'test' WHERE id = ?", id);
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM inbox_event WHERE id = ?", String.class, id);
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).startsWith(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(admin(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(admin(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + H2AppTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
