package io.shoperp.erpnext;

import static io.shoperp.erpnext.sandbox.ErpDocuments.RED_SHIRT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every HTTP call to ERPNext is one sample of erpnext.requests{doctype,method,status}, failed calls included. */
class ErpNextClientMetricsTest {

    private ErpNextSandbox sandbox;
    private SimpleMeterRegistry meters;
    private ErpNextClient client;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        CustomFieldSetup.REQUIRED_FIELDS.forEach(field -> sandbox.seedDocument("Custom Field",
                ErpDocuments.customField(field.doctype(), field.fieldname(), field.label(), field.unique())
                        .put("name", field.recordName())));
        meters = new SimpleMeterRegistry();
        client = new ErpNextClient(SandboxClients.properties(sandbox, sandbox.apiKey(), sandbox.apiSecret()), meters);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void successfulCallsAreTimedByDoctypeMethodAndStatus() {
        client.create("Customer", ErpDocuments.customer("501", "ACME"), "shopify_customer_id");
        client.get("Customer", "ACME");
        client.get("Customer", "ACME");
        client.update("Customer", "ACME", ErpNextClient.objectMapper().createObjectNode().put("mobile_no", "1"));

        assertThat(timer("Customer", "POST", "200").count()).isEqualTo(1);
        assertThat(timer("Customer", "GET", "200").count()).isEqualTo(2);
        assertThat(timer("Customer", "PUT", "200").count()).isEqualTo(1);
        assertThat(timer("Customer", "GET", "200").totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(meters.get(ErpNextClient.REQUESTS_METER).timers()).hasSize(3)
                .allSatisfy(timer -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                        .containsExactly("doctype", "method", "status"));
    }

    @Test
    void refusedCallsAreTimedWithTheirStatus() {
        client.create("Customer", ErpDocuments.customer("501", "ACME"), "shopify_customer_id");
        assertThatThrownBy(() -> client.create("Sales Order",
                ErpDocuments.salesOrder("1001", "Nobody", RED_SHIRT, 1, "19.99"), "shopify_order_id"))
                .isInstanceOfSatisfying(ErpNextPermanentException.class, e -> assertThat(e.status()).isEqualTo(417));
        assertThat(client.get("Sales Order", "SO-09999")).isEmpty();

        assertThat(timer("Sales Order", "POST", "417").count()).isEqualTo(1);
        // The 417 is checked against the key (a lookup that finds nothing, 404) before it is reported; then the GET.
        assertThat(timer("Sales Order", "GET", "404").count()).isEqualTo(2);
        assertThat(meters.find(ErpNextClient.REQUESTS_METER).tag("status", ErpNextClient.NO_STATUS).timers()).isEmpty();
    }

    @Test
    void callsWithoutAnAnswerAreTimedWithStatusNone() {
        sandbox.faults().latency(SandboxClients.READ_TIMEOUT.plusMillis(200));
        assertThatThrownBy(() -> client.get("Customer", "ACME")).isInstanceOf(ErpNextTransientException.class);
        sandbox.faults().clear();
        sandbox.refuseConnections();
        assertThatThrownBy(() -> client.get("Customer", "ACME")).isInstanceOf(ErpNextTransientException.class);

        Timer noAnswer = timer("Customer", "GET", ErpNextClient.NO_STATUS);
        assertThat(noAnswer.count()).isEqualTo(2);
        assertThat(noAnswer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(
                (double) SandboxClients.READ_TIMEOUT.toMillis());
    }

    @Test
    void theSingleArgumentConstructorStillWorksWithoutARegistry() {
        ErpNextClient unmetered = SandboxClients.client(sandbox);

        unmetered.create("Customer", ErpDocuments.customer("501", "ACME"), "shopify_customer_id");

        assertThat(unmetered.get("Customer", "ACME")).isPresent();
        assertThat(meters.find(ErpNextClient.REQUESTS_METER).timers()).isEmpty();
    }

    private Timer timer(String doctype, String method, String status) {
        return meters.get(ErpNextClient.REQUESTS_METER)
                .tag("doctype", doctype).tag("method", method).tag("status", status).timer();
    }
}
