package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Routes from the deployment's routes folder are added, and replace built-in routes with the same id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:deployment-routes;MODE=MySQL;DB_CLOSE_DELAY=-1",
        "bridge.routes-dir=src/test/resources/deployment-routes",
        "admin.password=deployment-test"
})
class DeploymentRoutesTest {

    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void aDeploymentRouteWithABuiltInIdReplacesIt() {
        Route purge = camel.getRoute("processed-id-purge");

        assertThat(purge.getEndpoint().getEndpointUri()).startsWith("timer://deployment-purge");
        assertThat(purge.getSourceLocation()).contains("deployment-routes/overrides.yaml");
        assertThat(camel.getRoutes()).filteredOn(route -> route.getId().equals("processed-id-purge")).hasSize(1);
    }

    @Test
    void aDeploymentTemplatedRouteWithABuiltInIdReplacesIt() {
        assertThat(camel.getRoutes()).filteredOn(route -> route.getId().equals("finished-event-purge")).singleElement()
                .satisfies(route -> assertThat(route.getEndpoint().getEndpointUri()).contains("period=10m"));
    }

    @Test
    void aNewDeploymentRouteRunsBesideTheBuiltInOnes() throws Exception {
        assertThat(camel.getRoute("shopify-webhook-ingest")).isNotNull();

        HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/deployment/ping"))
                .header("Authorization", "Basic YWRtaW46ZGVwbG95bWVudC10ZXN0").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("pong");
    }
}
