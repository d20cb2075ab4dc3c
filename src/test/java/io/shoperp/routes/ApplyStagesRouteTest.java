package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStages;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.support.RouteHarness;
import io.shoperp.topics.TopicTable;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stage the topic router sends to, made from the erpnext-apply or local-apply template: a routed topic reaches
 * the stage's applier and its outcome comes back; another topic is IGNORED without it; a failure goes back to the
 * caller (inbox-process owns the outcome); an ERPNext stage refuses while the circuit is open.
 */
class ApplyStagesRouteTest {

    /** An applier that records what it was given and answers DONE. */
    public static final class RecordingApplier {

        private final String name;
        private final List<InboxEvent> applied = new ArrayList<>();
        private RuntimeException failure;

        RecordingApplier(String name) {
            this.name = name;
        }

        public ApplyOutcome apply(InboxEvent event) {
            applied.add(event);
            if (failure != null) {
                throw failure;
            }
            return ApplyOutcome.done("applied by " + name);
        }
    }

    private static final List<RecordingApplier> APPLIERS = new ArrayList<>();
    private static RouteHarness routes;

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("customers-sync", "customerSync", "customers/update", true),
                Arguments.of("orders-sync", "orderSync", "orders/paid", true),
                Arguments.of("fulfillments-sync", "fulfillmentSync", "fulfillments/create", true),
                Arguments.of("refunds-sync", "refundSync", "refunds/create", true),
                Arguments.of("payments-sync", "paymentSync", "order_transactions/create", true),
                Arguments.of("products-sync", "productPriceSync", "products/update", true),
                Arguments.of("inventory-sync", "inventorySync", "inventory_levels/update", true),
                Arguments.of("compliance-redact", "payloadRedaction", "shop/redact", false),
                Arguments.of("compliance-data-request", "dataRequests", "customers/data_request", false),
                Arguments.of("app-uninstalled", "appUninstalled", "app/uninstalled", false));
    }

    @BeforeAll
    static void start() {
        routes = RouteHarness.of("apply-template.yaml", "customers.yaml", "orders.yaml", "fulfillments.yaml",
                "refunds.yaml", "payments.yaml", "products.yaml", "inventory.yaml", "compliance.yaml")
                .bind("inboxStages", new InboxStages(TopicTable.builtIn()));
        stages().forEach(stage -> {
            String applier = (String) stage.get()[1];
            RecordingApplier recording = new RecordingApplier(applier);
            APPLIERS.add(recording);
            routes.bind(applier, recording);
        });
        routes.start();
    }

    @AfterAll
    static void stop() {
        routes.close();
    }

    @BeforeEach
    void reset() {
        APPLIERS.forEach(applier -> {
            applier.applied.clear();
            applier.failure = null;
        });
        routes.erpnextCircuit().reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aTopicRoutedHereReachesTheApplierAndItsOutcomeComesBack(String stage, String applier, String topic) {
        ApplyOutcome outcome = send(stage, topic);

        assertThat(outcome).isEqualTo(ApplyOutcome.done("applied by " + applier));
        assertThat(applier(applier).applied).singleElement().satisfies(event -> assertThat(event.topic()).isEqualTo(topic));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aTopicNotRoutedHereIsIgnoredWithoutTheApplier(String stage, String applier) {
        ApplyOutcome outcome = send(stage, "orders/delete");

        assertThat(outcome.status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(outcome.detail()).startsWith("direct:" + stage + " applies [").endsWith("], not orders/delete");
        assertThat(applier(applier).applied).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aFailureGoesBackToTheCallerUnhandled(String stage, String applier, String topic) {
        applier(applier).failure = new IllegalStateException("ERPNext said no");

        assertThatThrownBy(() -> send(stage, topic)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("ERPNext said no");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void anErpNextStageRefusesWhileTheCircuitIsOpen(String stage, String applier, String topic, boolean erpnext) {
        routes.erpnextCircuit().transitionToForcedOpenState();

        if (erpnext) {
            assertThatThrownBy(() -> send(stage, topic)).hasRootCauseInstanceOf(CallNotPermittedException.class);
            assertThat(applier(applier).applied).isEmpty();
        } else {
            assertThat(send(stage, topic)).isEqualTo(ApplyOutcome.done("applied by " + applier));
        }
    }

    private static ApplyOutcome send(String stage, String topic) {
        InboxEvent event = new InboxEvent(1, "shop.myshopify.com", topic, "webhook-1", "entity:1", Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8), InboxStatus.PROCESSING, 1,
                Instant.EPOCH, "worker", null);
        return routes.producer().requestBody("direct:" + stage, event, ApplyOutcome.class);
    }

    private static RecordingApplier applier(String name) {
        return APPLIERS.stream().filter(applier -> applier.name.equals(name)).findFirst().orElseThrow();
    }
}
