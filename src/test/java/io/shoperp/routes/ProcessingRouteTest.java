package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shoperp.ExchangeProperties;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStages;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.support.RouteHarness;
import io.shoperp.topics.TopicProperties;
import io.shoperp.topics.TopicTable;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * processing.yaml on its own: inbox-process (stale and authority checks, the outcome recorded), the topic router
 * (each topic to the stage the topic table names) and the dead letter channel. The stages are mock endpoints; the
 * beans are stubs that record what the routes hand them, which is the contract between the YAML and the Java.
 */
class ProcessingRouteTest {

    /** inboxProcessing's methods the routes call. */
    public static final class Processing {
        final List<String> calls = new ArrayList<>();
        ApplyOutcome completed;

        public ApplyOutcome stale(@Body InboxEvent event) {
            return ApplyOutcome.ignored("stale: " + event.topic());
        }

        public ApplyOutcome unmappedTopic(@Body InboxEvent event) {
            return ApplyOutcome.ignored("no route for topic " + event.topic());
        }

        public void complete(@ExchangeProperty(ExchangeProperties.INBOX_EVENT) InboxEvent event,
                             @Body ApplyOutcome outcome) {
            calls.add("complete " + event.topic());
            completed = outcome;
        }

        public void retryLater(@ExchangeProperty(ExchangeProperties.INBOX_EVENT) InboxEvent event, Exchange exchange) {
            calls.add("retryLater " + event.topic() + ": " + exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                    Exception.class).getMessage());
        }

        public void deadLetter(@Body InboxEvent event, Exchange exchange) {
            calls.add("deadLetter " + event.topic() + ": " + exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                    Exception.class).getMessage());
        }
    }

    public static final class Versions {
        boolean stale;

        public boolean isStale(@Body InboxEvent event) {
            return stale;
        }
    }

    public static final class Authority {
        boolean rejects;

        public boolean rejects(@Body InboxEvent event) {
            return rejects;
        }

        public ApplyOutcome notAuthoritative(@Body InboxEvent event) {
            return ApplyOutcome.ignored("not authoritative: " + event.topic());
        }
    }

    /** inboxLeases' methods the route calls. */
    public static final class Leases {
        boolean shuttingDown;
        final List<String> handedBack = new ArrayList<>();

        public boolean isShuttingDown() {
            return shuttingDown;
        }

        public void handBack(@Body InboxEvent event) {
            handedBack.add(event.topic());
        }
    }

    public static final class Classifier {
        public boolean isTransient(Exchange exchange) {
            return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage().startsWith("transient");
        }
    }

    private final Processing processing = new Processing();
    private final Versions versions = new Versions();
    private final Authority authority = new Authority();
    private final Leases leases = new Leases();
    private RouteHarness routes;

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void eachTopicOfTheTableGoesToItsStageAndTheStagesOutcomeIsRecorded() throws Exception {
        start(TopicTable.builtIn());
        for (var row : TopicTable.builtIn().rows()) {
            MockEndpoint stage = routes.mock("mock:" + row.stage().orElseThrow());
            stage.reset();
            stage.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(ApplyOutcome.done("stage ran")));
            stage.expectedMessageCount(1);

            process(row.topic());

            stage.assertIsSatisfied();
            assertThat(processing.completed).as(row.topic()).isEqualTo(ApplyOutcome.done("stage ran"));
        }
    }

    @Test
    void aTopicWithoutStageIsRecordedAsNoRoute() {
        start(TopicTable.builtIn());

        process("orders/delete");

        assertThat(processing.completed).isEqualTo(ApplyOutcome.ignored("no route for topic orders/delete"));
    }

    @Test
    void aTopicADeploymentAddedToTheTableGoesToItsStage() throws Exception {
        TopicProperties.Row edited = new TopicProperties.Row();
        edited.setEntityKey("order:order_edit.order_id");
        edited.setStage("direct:orders-edited");
        start(TopicTable.with(Map.of("orders/edited", edited)));
        MockEndpoint stage = routes.mock("mock:direct:orders-edited");
        stage.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(ApplyOutcome.done("edit recorded")));
        stage.expectedMessageCount(1);

        process("orders/edited");

        stage.assertIsSatisfied();
        assertThat(processing.completed).isEqualTo(ApplyOutcome.done("edit recorded"));
    }

    @Test
    void aStaleOrRejectedEventNeverReachesAStage() throws Exception {
        start(TopicTable.builtIn());
        MockEndpoint stage = routes.mock("mock:direct:customers-sync");
        stage.expectedMessageCount(0);

        versions.stale = true;
        process("customers/update");
        assertThat(processing.completed).isEqualTo(ApplyOutcome.ignored("stale: customers/update"));
        versions.stale = false;
        authority.rejects = true;
        process("customers/update");
        assertThat(processing.completed).isEqualTo(ApplyOutcome.ignored("not authoritative: customers/update"));

        stage.assertIsSatisfied();
    }

    @Test
    void aTransientFailureIsRetriedLaterAndAnyOtherEndsInTheDeadLetterChannel() {
        start(TopicTable.builtIn());
        routes.mock("mock:direct:orders-sync").whenExchangeReceived(1, exchange -> {
            throw new IllegalStateException("transient: ERPNext unreachable");
        });
        routes.mock("mock:direct:orders-sync").whenExchangeReceived(2, exchange -> {
            throw new IllegalStateException("417: refused");
        });

        process("orders/paid");
        process("orders/paid");

        assertThat(processing.calls).containsExactly("retryLater orders/paid: transient: ERPNext unreachable",
                "deadLetter orders/paid: 417: refused");
    }

    @Test
    void anEventReachingTheRouteOnceTheInstanceIsShuttingDownIsHandedBackNotProcessed() throws Exception {
        start(TopicTable.builtIn());
        leases.shuttingDown = true;
        MockEndpoint orders = routes.mock("mock:direct:orders-sync");
        orders.expectedMessageCount(0);

        process("orders/paid");

        orders.assertIsSatisfied();
        assertThat(leases.handedBack).containsExactly("orders/paid");
        assertThat(processing.calls).isEmpty();
    }

    private void start(TopicTable table) {
        routes = RouteHarness.of("processing.yaml")
                .bind("inboxProcessing", processing)
                .bind("appliedVersions", versions)
                .bind("authorityRules", authority)
                .bind("failureClassifier", new Classifier())
                .bind("inboxStages", new InboxStages(table))
                .bind("inboxLeases", leases)
                .start("inbox-topic-router", advice -> advice.mockEndpointsAndSkip(table.rows().stream()
                        .flatMap(row -> row.stage().stream()).distinct().toArray(String[]::new)));
    }

    private void process(String topic) {
        InboxEvent event = new InboxEvent(1, "shop.myshopify.com", topic, "webhook-1", "entity:1", Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8), InboxStatus.PROCESSING, 1,
                Instant.EPOCH, "worker", null);
        routes.producer().sendBody("direct:inbox-process", event);
    }
}
