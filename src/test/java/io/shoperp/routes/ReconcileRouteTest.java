package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.shoperp.ExchangeProperties;
import io.shoperp.support.RouteHarness;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * reconcile.yaml on its own: a run goes over every shop; each shop's pages are stored one delivery at a time through
 * direct:inbox-store (a mock here), and a page counts as stored (the watermark moves) only when all of it was; a
 * failed store stops that shop's run without touching the others.
 */
class ReconcileRouteTest {

    /** What orders-reconcile-shop keeps in its exchange property: only hasMorePages() is read by the route. */
    public static final class Run {
        final String shop;
        final Deque<List<String>> pages;

        Run(String shop, Deque<List<String>> pages) {
            this.shop = shop;
            this.pages = pages;
        }

        public boolean hasMorePages() {
            return !pages.isEmpty();
        }
    }

    /** ordersReconciler: two shops with two pages each, recording what the route reports. */
    public static final class Reconciler {
        final List<String> calls = new ArrayList<>();

        public List<String> shops() {
            return List.of("a.myshopify.com", "b.myshopify.com");
        }

        public Run start(@Body String shop) {
            calls.add("start " + shop);
            return new Run(shop, new ArrayDeque<>(List.of(List.of(shop + "#1", shop + "#2"), List.of(shop + "#3"))));
        }

        public List<String> nextPage(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) Run run) {
            return run.pages.poll();
        }

        public void pageStored(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) Run run) {
            calls.add("pageStored " + run.shop);
        }

        public void finish(@ExchangeProperty(ExchangeProperties.RECONCILE_RUN) Run run) {
            calls.add("finish " + run.shop);
        }
    }

    private final Reconciler reconciler = new Reconciler();
    private final List<String> stored = new ArrayList<>();
    private RouteHarness routes;

    @BeforeEach
    void start() {
        routes = RouteHarness.of("jobs.yaml", "reconcile.yaml")
                .setting("reconcile.interval", "1h")
                .setting("reconcile.initial-delay", "1h")
                .setting("reconcile.enabled", "true")
                .bind("scheduledJobs", new ScheduledJobRouteTest.Jobs())
                .bind("ordersReconciler", reconciler)
                .start("orders-reconcile-shop",
                        route -> route.weaveByToUri("direct:inbox-store").replace().to("mock:inbox-store"));
        routes.mock("mock:inbox-store").whenAnyExchangeReceived(exchange -> {
            String delivery = exchange.getMessage().getBody(String.class);
            if (delivery.equals("b.myshopify.com#2")) {
                throw new IllegalStateException("database gone");
            }
            stored.add(delivery);
        });
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void everyPageIsStoredBeforeItCountsAndAFailedShopDoesNotStopTheOthers() {
        routes.producer().send("direct:orders-reconcile-run", exchange -> { });

        assertThat(stored).containsExactly("a.myshopify.com#1", "a.myshopify.com#2", "a.myshopify.com#3",
                "b.myshopify.com#1");
        assertThat(reconciler.calls).containsExactly(
                "start a.myshopify.com", "pageStored a.myshopify.com", "pageStored a.myshopify.com",
                "finish a.myshopify.com",
                "start b.myshopify.com");
    }
}
