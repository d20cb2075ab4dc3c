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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.support.H2AppTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Jolokia behind the admin login still refuses what an operator never needs (the JVM's diagnostic MBeans, writes
 * outside Camel), while what Hawtio's Camel tab does (route statistics, stop and start) works.
 */
@H2AppTest
class JolokiaAccessPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A housekeeping route: stopping it for a moment harms no other test of the shared application. */
    private static final String ROUTE = "processed-id-purge";

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAdminIsRefusedTheJvmsDiagnosticCommandsAndHotSpotDiagnostic() throws Exception {
        JsonNode vmFlags = jolokia(request("exec", "com.sun.management:type=DiagnosticCommand")
                .put("operation", "vmFlags([Ljava.lang.String;)").set("arguments", JSON.createArrayNode().addNull()));
        JsonNode heapDump = jolokia(request("exec", "com.sun.management:type=HotSpotDiagnostic")
                .put("operation", "dumpHeap").set("arguments", JSON.createArrayNode().add("/tmp/x.hprof").add(true)));
        JsonNode hotSpotRead = jolokia(request("read", "com.sun.management:type=HotSpotDiagnostic")
                .put("attribute", "DiagnosticOptions"));

        assertRefused(vmFlags);
        assertRefused(heapDump);
        assertRefused(hotSpotRead);
    }

    @Test
    void writesAndOperationsOutsideCamelAreRefusedButReadsAreNot() throws Exception {
        JsonNode write = jolokia(request("write", "java.lang:type=Memory").put("attribute", "Verbose")
                .put("value", true));
        JsonNode gc = jolokia(request("exec", "java.lang:type=Memory").put("operation", "gc()"));
        // Of Hawtio's MBeans only the console's read-only helpers (hawtio:type=security,*) take exec.
        JsonNode quartz = jolokia(request("exec", "hawtio:type=QuartzFacade").put("operation", "updateCronTrigger")
                .set("arguments", JSON.createArrayNode().add("scheduler").add("trigger").add("0 0 * * * ?")));
        JsonNode read = jolokia(request("read", "java.lang:type=Memory").put("attribute", "HeapMemoryUsage"));

        assertRefused(write);
        assertRefused(gc);
        assertRefused(quartz);
        assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(200);
    }

    @Test
    void theAdminReadsRouteStatisticsAndStopsAndStartsARoute() throws Exception {
        String mbean = routeMBean();
        JsonNode statistics = jolokia(request("read", mbean).set("attribute",
                JSON.createArrayNode().add("ExchangesTotal").add("State")));
        assertThat(statistics.path("status").asInt()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.path("value").path("State").asText()).isEqualTo("Started");

        try {
            JsonNode stop = jolokia(request("exec", mbean).put("operation", "stop()"));
            assertThat(stop.path("status").asInt()).as(stop.toString()).isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        } finally {
            JsonNode start = jolokia(request("exec", mbean).put("operation", "start()"));
            assertThat(start.path("status").asInt()).as(start.toString()).isEqualTo(200);
        }
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    /** This application's route: other application contexts of the test JVM may have registered theirs too. */
    private String routeMBean() throws Exception {
        return onlyMBean("org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\"" + ROUTE + "\",*");
    }

    private String onlyMBean(String pattern) throws Exception {
        JsonNode found = jolokia(request("search", pattern));
        assertThat(found.path("value")).as(found.toString()).hasSize(1);
        return found.path("value").get(0).asText();
    }

    private static ObjectNode request(String type, String mbean) {
        return JSON.createObjectNode().put("type", type).put("mbean", mbean);
    }

    private static void assertRefused(JsonNode answer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.has("stacktrace")).as("no stack trace in the answer").isFalse();
    }

    private JsonNode jolokia(ObjectNode request) throws Exception {
        String credentials = "admin:" + H2AppTest.ADMIN_PASSWORD;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/jolokia"))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
