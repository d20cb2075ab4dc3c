package io.shoperp.measured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.WebhookSignatures;
import io.shoperp.support.ShopifyWebhookClient;

/**
 * Sends a plan's deliveries from N sender threads, thread t to target {@code urls.apply(t)}, the way Shopify does:
 * a delivery that is not answered 2xx (any other status, refused connection, timeout) is sent again later, until it is
 * acknowledged or its retry budget is spent. Counts every HTTP request and every acknowledgement.
 */
public final class StormSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(4)).build();

    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong acknowledged = new AtomicLong();
    public final AtomicLong retried = new AtomicLong();
    public final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    /** Webhook ids that got a 2xx at least once. */
    public final Set<String> acknowledgedIds = ConcurrentHashMap.newKeySet();
    /** Webhook ids given up on (never acknowledged): Shopify would keep retrying for 4 h. */
    public final Set<String> givenUp = ConcurrentHashMap.newKeySet();

    private final Duration retryBudget;

    public StormSender(Duration retryBudget) {
        this.retryBudget = retryBudget;
    }

    public void send(List<StormPlan.Delivery> deliveries, int threads, IntFunction<String> urls) {
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            String url = urls.apply(t);
            senders.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < deliveries.size()) {
                    deliver(url, deliveries.get(i));
                }
            });
        }
        senders.shutdown();
        try {
            if (!senders.awaitTermination(30, TimeUnit.MINUTES)) {
                senders.shutdownNow();
                throw new IllegalStateException("senders did not finish in 30 min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One delivery until acknowledged; returns whether it was. */
    public boolean deliver(String url, StormPlan.Delivery delivery) {
        long deadline = System.nanoTime() + retryBudget.toNanos();
        long backoff = 100;
        while (true) {
            int status = post(url, delivery);
            if (status >= 200 && status < 300) {
                acknowledged.incrementAndGet();
                acknowledgedIds.add(delivery.webhookId());
                return true;
            }
            // Shopify counts only 2xx as delivered and retries everything else (8 times over 4 h).
            if (System.nanoTime() > deadline) {
                givenUp.add(delivery.webhookId());
                return false;
            }
            retried.incrementAndGet();
            ChildApp.sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
    }

    /** The HTTP status, or -1 for a connection failure or timeout. */
    public int post(String url, StormPlan.Delivery delivery) {
        sent.incrementAndGet();
        int status;
        try {
            HttpRequest request = request(url, delivery);
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        } catch (Exception e) {
            status = -1;
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        return status;
    }

    static HttpRequest request(String url, StormPlan.Delivery delivery) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(ShopifyHeaders.TOPIC, delivery.topic())
                .header(ShopifyHeaders.SHOP_DOMAIN, ShopifyWebhookClient.SHOP)
                .header(ShopifyHeaders.WEBHOOK_ID, delivery.webhookId())
                .header(ShopifyHeaders.EVENT_ID, "event-" + delivery.webhookId())
                .header(ShopifyHeaders.TRIGGERED_AT, "2026-11-29T10:00:00.123Z")
                .header(ShopifyHeaders.API_VERSION, "2025-10")
                .header(ShopifyHeaders.HMAC, WebhookSignatures.sign(
                        ShopifyWebhookClient.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
    }
}
