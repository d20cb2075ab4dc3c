package io.shoperp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.WebhookSignatures;

/** Sends webhooks the way Shopify does, over real HTTP, signed with a shop's secret. */
public final class ShopifyWebhookClient {

    public static final String SHOP = "test-shop.myshopify.com";
    public static final String SECRET = "test-webhook-secret";
    public static final String OLD_SECRET = "rotated-out-secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public ShopifyWebhookClient(int port) {
        this.url = "http://127.0.0.1:" + port + "/webhooks/shopify";
    }

    /** A delivery with every header Shopify sends, signed with {@link #SECRET}. */
    public Delivery delivery(String topic, String webhookId, String json) {
        return new Delivery(json.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header(ShopifyHeaders.TOPIC, topic)
                .header(ShopifyHeaders.SHOP_DOMAIN, SHOP)
                .header(ShopifyHeaders.WEBHOOK_ID, webhookId)
                .header(ShopifyHeaders.EVENT_ID, "event-" + webhookId)
                .header(ShopifyHeaders.TRIGGERED_AT, "2026-11-29T10:00:00.123Z")
                .header(ShopifyHeaders.API_VERSION, "2025-10")
                .signedWith(SECRET);
    }

    public HttpResponse<String> send(Delivery delivery) {
        try {
            return http.send(delivery.toRequest(url), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request being built; headers keep their order, a null value removes one. */
    public static final class Delivery {
        private final byte[] body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        Delivery(byte[] body) {
            this.body = body;
        }

        public Delivery header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        public Delivery signedWith(String secret) {
            return header(ShopifyHeaders.HMAC, WebhookSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body));
        }

        public byte[] body() {
            return body;
        }

        HttpRequest toRequest(String url) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            return request.build();
        }
    }
}
