package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shoperp.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Hawtio and Jolokia are behind the admin's credentials; health and Prometheus are open for probes. */
@H2AppTest
class OperatorEndpointsTest {

    private static final String JOLOKIA_ROUTES = "/actuator/jolokia/search/org.apache.camel:type=routes,*";

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hawtioAndJolokiaRefuseAnonymousAndWrongCredentials() throws Exception {
        assertThat(get("/actuator/hawtio/", null).statusCode()).isEqualTo(401);
        assertThat(get(JOLOKIA_ROUTES, null).statusCode()).isEqualTo(401);
        assertThat(get(JOLOKIA_ROUTES, "admin:wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void hawtioIsServedAndJolokiaListsTheCamelRoutesForTheAdmin() throws Exception {
        String admin = "admin:" + H2AppTest.ADMIN_PASSWORD;

        assertThat(get("/actuator/hawtio/", admin).statusCode()).isEqualTo(200);
        HttpResponse<String> routes = get(JOLOKIA_ROUTES, admin);

        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("shopify-webhook-ingest").contains("inbox-store")
                .contains("processed-id-purge");
    }

    @Test
    void healthCoversTheDatabaseAndIsOpenForProbes() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health", null);
        HttpResponse<String> detailed = get("/actuator/health", "admin:" + H2AppTest.ADMIN_PASSWORD);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
        assertThat(detailed.body()).contains("\"db\":{\"status\":\"UP\"");
    }

    @Test
    void healthShowsTheInboxBacklogAndTheErpNextCircuitWhichLeavesTheApplicationUpWhenOpen() throws Exception {
        String admin = "admin:" + H2AppTest.ADMIN_PASSWORD;
        JsonNode closed = JSON.readTree(get("/actuator/health", admin).body()).path("components");

        assertThat(closed.path("erpnext").path("status").asText()).isEqualTo("UP");
        assertThat(closed.path("erpnext").path("details").path("circuit").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("inbox").path("status").asText()).isEqualTo("UP");
        assertThat(closed.path("inbox").path("details").path("DEAD").isNumber()).isTrue();
        assertThat(closed.path("inbox").path("details").has("oldestPendingAgeSeconds")).isTrue();

        CircuitBreaker breaker = breakers.circuitBreaker("erpnext");
        breaker.transitionToForcedOpenState();
        try {
            HttpResponse<String> open = get("/actuator/health", admin);
            assertThat(open.statusCode()).isEqualTo(200);
            JsonNode health = JSON.readTree(open.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("erpnext").path("status").asText()).isEqualTo("CIRCUIT_OPEN");
            assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        } finally {
            breaker.transitionToClosedState();
        }
    }

    @Test
    void prometheusShowsTheErpNextCircuitBreakerAndTheIngestPool() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("resilience4j_circuitbreaker_state{name=\"erpnext\",state=\"closed\"} 1.0")
                .containsPattern("hikaricp_connections_max\\{pool=\"[^\"]*-ingest\"\\} 10\\.0");
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
