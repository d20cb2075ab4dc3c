package io.shoperp.erpnext;

import static io.shoperp.erpnext.sandbox.ErpDocuments.RED_SHIRT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code erpnext} configuration as routes will use it: looked up by name from the registry, it opens on
 * transient failures only, and an open circuit fails the exchange instead of letting it pass as a success.
 * Settings from {@link SandboxClients}: window 4 calls, minimum 4, threshold 50%.
 */
class ErpNextCircuitBreakerTest {

    /** Written as the processing routes will be, in the YAML DSL. */
    private static final String ROUTE = """
            - route:
                id: create-sales-order
                from:
                  uri: direct:create-sales-order
                  steps:
                    - circuitBreaker:
                        configuration: erpnext
                        steps:
                          - process:
                              ref: createSalesOrder
            """;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ErpNextSandbox sandbox;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        sandbox = ErpNextSandbox.startSeeded();
        ErpNextProperties properties = SandboxClients.properties(sandbox, sandbox.apiKey(), sandbox.apiSecret());
        ErpNextClient client = new ErpNextClient(properties);
        client.create("Customer", ErpDocuments.customer("501", "ACME"), "shopify_customer_id");

        camel = new DefaultCamelContext();
        ErpNextCircuitBreakerConfiguration breakerConfiguration = new ErpNextCircuitBreakerConfiguration();
        CircuitBreakerRegistry breakers = breakerConfiguration.erpnextCircuitBreakers(properties);
        breakerConfiguration.erpnextCircuitBreakerMetrics(breakers).bindTo(meters);
        camel.getRegistry().bind(ErpNextCircuitBreakerConfiguration.CIRCUIT_BREAKER_BEAN,
                breakerConfiguration.erpnextCircuitBreaker(breakers));
        camel.getRegistry().bind(ErpNextCircuitBreakerConfiguration.CONFIGURATION_NAME,
                breakerConfiguration.erpnextCircuitBreakerConfiguration());
        camel.getRegistry().bind("createSalesOrder", (Processor) exchange -> exchange.getMessage().setBody(
                client.create("Sales Order", exchange.getMessage().getBody(ObjectNode.class), "shopify_order_id").name()));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("routes/erpnext-test.yaml", ROUTE));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        sandbox.stop();
    }

    @Test
    void unavailableErpNextOpensTheCircuitAndAnOpenCircuitFailsTheExchangeAsTransient() {
        sandbox.faults().failNext(100, 503, null);
        for (int i = 0; i < 4; i++) {
            assertThat(send("100" + i).getException()).isInstanceOf(ErpNextTransientException.class);
        }

        Exchange rejected = send("1005");

        assertThat(rejected.isFailed()).as("an open circuit must not pass as a success").isTrue();
        ErrorClassification classification = ErpNextErrorClassifier.classify(rejected.getException());
        assertThat(classification.isTransient()).isTrue();
        assertThat(classification.reason()).contains("circuit breaker is open");
        assertThat(sandbox.requestCount("POST", "Sales Order")).as("the open circuit spared ERPNext").isEqualTo(4);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tags("name", "erpnext", "state", "open").gauge()
                .value()).as("operators see the open circuit").isEqualTo(1.0);
        assertThat(meters.get("resilience4j.circuitbreaker.not.permitted.calls").tag("name", "erpnext").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tags("name", "erpnext", "kind", "failed").timer()
                .count()).isEqualTo(4);
    }

    @Test
    void rejectedDocumentsDoNotOpenTheCircuit() {
        for (int i = 0; i < 6; i++) {
            Exchange rejected = send(ErpDocuments.salesOrder("100" + i, "Nobody", RED_SHIRT, 1, "5"));
            assertThat(rejected.getException()).isInstanceOf(ErpNextPermanentException.class);
        }

        Exchange accepted = send("2000");

        assertThat(accepted.isFailed()).isFalse();
        assertThat(accepted.getMessage().getBody(String.class)).isEqualTo(ErpDocuments.salesOrderName(1));
        assertThat(sandbox.requestCount("POST", "Sales Order")).isEqualTo(7);
    }

    private Exchange send(String shopifyOrderId) {
        return send(ErpDocuments.salesOrder(shopifyOrderId, "ACME", RED_SHIRT, 1, "5"));
    }

    private Exchange send(ObjectNode order) {
        return producer.send("direct:create-sales-order", exchange -> exchange.getMessage().setBody(order));
    }
}
