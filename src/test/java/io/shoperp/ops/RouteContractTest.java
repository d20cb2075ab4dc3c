package io.shoperp.ops;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shoperp.support.RouteHarness;
import io.shoperp.topics.TopicProperties;
import io.shoperp.topics.TopicTable;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The inbox stage contract over the built-in routes (and a deployment's, with {@code -Dbridge.routes-dir}), and the
 * ways an edited route breaks it, each named in the message. The routes are only loaded, not started: the check runs
 * before any route starts.
 */
class RouteContractTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theBuiltInRoutesKeepTheContract() throws Exception {
        load();

        assertThatCode(() -> new RouteContract(TopicTable.builtIn()).check(camel)).doesNotThrowAnyException();
    }

    @Test
    void aStageReplacedWithoutTheStagesErrorHandlingStopsTheStartNamingRouteAndPiece() throws Exception {
        load("""
                - route:
                    id: customers-sync
                    from:
                      uri: direct:customers-sync
                      steps:
                        - bean:
                            ref: customerSync
                            method: apply
                """);

        assertThatThrownBy(() -> new RouteContract(TopicTable.builtIn()).check(camel))
                .hasMessageContaining("route customers-sync consumes the stage direct:customers-sync but lacks"
                        + " routeConfigurationId: inbox-stage");
    }

    @Test
    void aReplacementUnderAMistypedIdIsASecondConsumerOfTheStage() throws Exception {
        load("""
                - templatedRoute:
                    routeTemplateRef: erpnext-apply
                    routeId: customer-sync
                    parameters:
                      - name: stage
                        value: customers-sync
                      - name: applier
                        value: customerSync
                """);

        assertThatThrownBy(() -> new RouteContract(TopicTable.builtIn()).check(camel))
                .hasMessageContaining("routes customers-sync and customer-sync both consume direct:customers-sync")
                .hasMessageContaining("is one of them a typo?");
    }

    @Test
    void aRouterSendingATopicWhereTheTableDoesNotStopsTheStart() throws Exception {
        load();
        RouteDefinition router = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinition(RouteContract.ROUTER);
        ChoiceDefinition choice = (ChoiceDefinition) router.getOutputs().get(0);
        choice.getWhenClauses().get(0).getExpression().setExpression("${body.topic} in 'customers/create,customers/delete'");

        assertThatThrownBy(() -> new RouteContract(TopicTable.builtIn()).check(camel))
                .hasMessageContaining("inbox-topic-router routes customers/delete to direct:customers-sync but the"
                        + " topic table does not: add bridge.topics.\"customers/delete\"");
    }

    @Test
    void aTopicTheTableRoutesToAStageNoRouteConsumesStopsTheStart() throws Exception {
        load();
        TopicProperties.Row edited = new TopicProperties.Row();
        edited.setEntityKey("order:order_edit.order_id");
        edited.setStage("direct:orders-edited");

        assertThatThrownBy(() -> new RouteContract(TopicTable.with(Map.of("orders/edited", edited))).check(camel))
                .hasMessageContaining("no route consumes direct:orders-edited, the stage of [orders/edited]");
    }

    /**
     * The built-in routes, then the given YAML (a deployment's config/routes file), loaded after them as the
     * application does, so that a route with a built-in route's id replaces it.
     */
    private void load(String... deploymentRoutes) throws Exception {
        List<Resource> builtIns = new ArrayList<>();
        for (org.springframework.core.io.Resource builtIn : new PathMatchingResourcePatternResolver()
                .getResources("classpath:routes/*.yaml")) {
            builtIns.add(ResourceHelper.resolveResource(camel, "classpath:routes/" + builtIn.getFilename()));
        }
        PluginHelper.getRoutesLoader(camel).loadRoutes(builtIns);
        PluginHelper.getRoutesLoader(camel).loadRoutes(RouteHarness.deploymentRoutes(camel));
        for (String yaml : deploymentRoutes) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    ResourceHelper.fromBytes("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
