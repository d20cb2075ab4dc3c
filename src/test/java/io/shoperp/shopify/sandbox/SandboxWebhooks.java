package io.shoperp.shopify.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.WebhookSignatures;

/** Delivers webhooks the way Shopify does: POST of the raw body with every X-Shopify-* header, HMAC-signed. */
final class SandboxWebhooks {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    /**
     * @param webhookId the same for every retry of one delivery, as Shopify sends it
     * @return the app's HTTP status (Shopify counts only 2xx as delivered)
     */
    int send(String appUrl, String shopDomain, String secret, String topic, String apiVersion, String webhookId,
             byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(appUrl))
                // Shopify gives up after 5 s; a slower app has failed the delivery.
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(ShopifyHeaders.TOPIC, topic)
                .header(ShopifyHeaders.HMAC, WebhookSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), body))
                .header(ShopifyHeaders.SHOP_DOMAIN, shopDomain)
                .header(ShopifyHeaders.WEBHOOK_ID, webhookId)
                .header(ShopifyHeaders.EVENT_ID, UUID.randomUUID().toString())
                .header(ShopifyHeaders.TRIGGERED_AT, Instant.now().toString())
                .header(ShopifyHeaders.API_VERSION, apiVersion)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("webhook " + topic + " to " + appUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending webhook " + topic, e);
        }
    }
}
