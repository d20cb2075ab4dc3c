package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.support.RouteHarness;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dispatch.yaml on its own: each poll hands every claimed event to inbox-process, once, on the worker pool, and
 * tells the scheduler whether anything was claimed so it polls again at once only while there is work.
 */
class DispatchRouteTest {

    /** inboxDispatcher: answers the queued claims, one batch per poll. */
    public static final class Claims {
        final Deque<List<InboxEvent>> batches = new ArrayDeque<>();

        public List<InboxEvent> claimDue() {
            return batches.isEmpty() ? List.of() : batches.poll();
        }

        public boolean pollAgainAtOnce(@Body List<InboxEvent> claimed) {
            return !claimed.isEmpty();
        }
    }

    private final Claims claims = new Claims();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private RouteHarness routes;

    @BeforeEach
    void start() {
        routes = RouteHarness.of("dispatch.yaml")
                .setting("processing.enabled", "true")
                .setting("processing.poll-interval", "1000")
                .bind("inboxDispatcher", claims)
                .bind("inboxWorkers", workers)
                .start("inbox-dispatch", route -> {
                    route.replaceFromWith("direct:poll");
                    route.weaveByToUri("direct:inbox-process").replace().to("mock:inbox-process");
                });
    }

    @AfterEach
    void stop() {
        routes.close();
        workers.shutdownNow();
    }

    @Test
    void everyClaimedEventIsProcessedOnceOnAWorker() throws Exception {
        claims.batches.add(List.of(event(1, "orders/create"), event(2, "customers/update"), event(3, "orders/paid")));
        MockEndpoint process = routes.mock("mock:inbox-process");
        process.expectedMessageCount(3);
        process.expectedBodiesReceivedInAnyOrder(claims.batches.peek().toArray());

        Exchange poll = routes.producer().send("direct:poll", exchange -> { });

        process.assertIsSatisfied();
        assertThat(process.getExchanges()).allSatisfy(exchange -> assertThat(
                exchange.getProperty(Exchange.SPLIT_SIZE, Integer.class)).isEqualTo(3));
        assertThat(poll.getProperty("CamelSchedulerPolledMessages", Boolean.class)).isTrue();
    }

    @Test
    void anEmptyPollTellsTheSchedulerToWait() throws Exception {
        MockEndpoint process = routes.mock("mock:inbox-process");
        process.expectedMessageCount(0);

        Exchange poll = routes.producer().send("direct:poll", exchange -> { });

        process.assertIsSatisfied();
        assertThat(poll.getProperty("CamelSchedulerPolledMessages", Boolean.class)).isFalse();
    }

    private static InboxEvent event(long id, String topic) {
        return new InboxEvent(id, "shop.myshopify.com", topic, "webhook-" + id, "entity:" + id, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8), InboxStatus.PROCESSING, 1,
                Instant.EPOCH, "worker", null);
    }
}
