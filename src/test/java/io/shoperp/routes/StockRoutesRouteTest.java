package io.shoperp.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.ops.JobRunningException;
import io.shoperp.stock.ErpNextStockWebhook;
import io.shoperp.support.RouteHarness;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * stock.yaml on its own: ERPNext's signed Stock Ledger Entry webhook is answered 202 at once and asks for a push soon,
 * which runs under the stock-push job's claim (never beside a running push), retried while another push holds it; an
 * unsigned call is refused and asks for nothing.
 */
class StockRoutesRouteTest {

    private static final String SECRET = "erpnext-route-test-secret";
    private static final byte[] ENTRY = "{\"doctype\":\"Stock Ledger Entry\",\"item_code\":\"SKU-1\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** scheduledJobs: refuses the claim while {@code busyClaims} lasts, records every call. */
    public static final class Jobs {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger busyClaims = new AtomicInteger();

        public void claimNow(String job, String period) {
            calls.add("claimNow " + job + " " + period);
            if (busyClaims.getAndDecrement() > 0) {
                throw new JobRunningException(job);
            }
        }

        public boolean claim(String job, String period) {
            return false;
        }

        public void finish(String job) {
            calls.add("finish " + job);
        }
    }

    /** stockPush. */
    public static final class Push {
        final AtomicInteger runs = new AtomicInteger();

        public void pushAll() {
            runs.incrementAndGet();
        }
    }

    private final Jobs jobs = new Jobs();
    private final Push push = new Push();
    private RouteHarness routes;

    @BeforeEach
    void start() {
        ErpNextStockWebhook.Settings settings = new ErpNextStockWebhook.Settings();
        settings.setWebhookSecret(SECRET);
        routes = RouteHarness.of("jobs.yaml", "stock.yaml", "erpnext-webhook-template.yaml")
                .setting("stock.push-interval", "1h")
                .setting("stock.push-enabled", "true")
                .setting("stock.webhook-push-retries", "2")
                .setting("stock.webhook-push-retry-delay", "10")
                .bind("scheduledJobs", jobs)
                .bind("stockPush", push)
                .bind("erpNextStockWebhook", new ErpNextStockWebhook(settings))
                .start("erpnext-stock-webhook", route -> route.replaceFromWith("direct:erpnext-stock"));
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void aSignedEntryIsAnswered202AndPushesOnceUnderTheJobsClaim() {
        Exchange answer = post(WebhookSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), ENTRY));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.calls.contains("finish stock-push"));
        assertThat(push.runs).hasValue(1);
        assertThat(jobs.calls).containsExactly("claimNow stock-push 1h", "finish stock-push");
    }

    @Test
    void aPushRunningElsewhereIsWaitedForThenTheScheduledPushIsLeftToIt() {
        jobs.busyClaims.set(10);

        post(WebhookSignatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), ENTRY));

        // The first claim and stock.webhook-push-retries more, then the scheduled push follows.
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.calls.size() == 3);
        assertThat(jobs.calls).containsOnly("claimNow stock-push 1h");
        assertThat(push.runs).hasValue(0);
    }

    @Test
    void anUnsignedCallIsRefusedAndAsksForNoPush() throws Exception {
        Exchange answer = post("not-the-signature");

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(401);
        Thread.sleep(100);
        assertThat(jobs.calls).isEmpty();
    }

    private Exchange post(String signature) {
        return routes.producer().send("direct:erpnext-stock", exchange -> {
            exchange.getMessage().setBody(new ByteArrayInputStream(ENTRY));
            exchange.getMessage().setHeaders(Map.of(ErpNextStockWebhook.SIGNATURE_HEADER, signature));
        });
    }
}
