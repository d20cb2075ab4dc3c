package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.shoperp.support.AppInstance;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge.routes-reload: a YAML file edited in the routes folder takes effect without a restart. */
class RouteReloadH2Test {

    @Test
    void anEditedRouteFileIsReloadedAndTheBuiltInRoutesStay(@TempDir Path routes) throws IOException {
        Path probe = routes.resolve("probe.yaml");
        Files.writeString(probe, probeRoute("first version"));
        try (AppInstance app = AppInstance.start("jdbc:h2:mem:route-reload;MODE=MySQL;DB_CLOSE_DELAY=-1",
                Map.of("bridge.routes-dir", routes.toString(), "bridge.routes-reload", "true"))) {
            CamelContext camel = app.bean(CamelContext.class);
            ProducerTemplate producer = camel.createProducerTemplate();
            int routesBefore = camel.getRoutes().size();
            assertThat(producer.requestBody("direct:reload-probe", "", String.class)).isEqualTo("first version");

            Files.writeString(probe, probeRoute("second version"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    producer.requestBody("direct:reload-probe", "", String.class)).isEqualTo("second version"));
            assertThat(camel.getRoutes()).hasSize(routesBefore);
            assertThat(camel.getRoute("inbox-topic-router")).isNotNull();
        }
    }

    private static String probeRoute(String answer) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }
}
