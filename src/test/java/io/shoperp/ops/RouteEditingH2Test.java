package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.shoperp.support.AppInstance;
import io.shoperp.support.SandboxedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes an integration engineer edits in config/routes, as the application loads them at start. */
class RouteEditingH2Test {

    @Test
    void aStageReplacedWithoutItsErrorHandlingStopsTheStartNamingTheRouteAndWhatIsMissing(@TempDir Path routes)
            throws IOException {
        Files.writeString(routes.resolve("customers.yaml"), """
                - route:
                    id: customers-sync
                    from:
                      uri: direct:customers-sync
                      steps:
                        - bean:
                            ref: customerSync
                            method: apply
                """);

        assertThatThrownBy(() -> AppInstance.start("jdbc:h2:mem:route-editing-bad;MODE=MySQL;DB_CLOSE_DELAY=-1",
                Map.of("bridge.routes-dir", routes.toString())))
                .rootCause().hasMessageContaining("route customers-sync consumes the stage direct:customers-sync but"
                        + " lacks routeConfigurationId: inbox-stage");
    }

    @Test
    void aTopicRoutedInYamlAloneReachesItsRoute() {
        try (SandboxedApp env = SandboxedApp.start("jdbc:h2:mem:route-editing-topic;MODE=MySQL;DB_CLOSE_DELAY=-1",
                Map.of("bridge.routes-dir", "src/test/resources/route-examples/orders-edited",
                        "bridge.topics.[orders/edited].entity-key", "order:order_edit.order_id",
                        "bridge.topics.[orders/edited].data-kind", "orders",
                        "bridge.topics.[orders/edited].stage", "direct:orders-edited"))) {

            String edited = env.deliver("orders/edited", "{\"order_edit\":{\"id\":7001,\"order_id\":450789469,"
                    + "\"created_at\":\"2026-12-03T08:00:00-05:00\",\"line_items\":{}}}");

            await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(env.status(edited)));
            assertThat(env.statusReason(edited)).isEqualTo("order edit recorded; the orders/updated Shopify sends"
                    + " with it updates ERPNext");
            assertThat(env.jdbc().queryForObject("SELECT entity_key FROM inbox_event WHERE webhook_id = ?",
                    String.class, edited)).isEqualTo("order:450789469");
        }
    }
}
