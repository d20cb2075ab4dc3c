package io.shoperp.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.shoperp.topics.TopicTable;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Turns the HTTP request into bytes (bounded) and then into a {@link WebhookDelivery} (validated headers). */
@Component("webhookRequests")
public class WebhookRequests {

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)+");
    private static final int MAX_TOPIC_LENGTH = 128;
    private static final int MAX_ID_LENGTH = 255;
    private static final int MAX_VERSION_LENGTH = 32;

    private final long maxBodyBytes;
    private final TopicTable topics;
    private final Clock clock;

    public WebhookRequests(ShopifyProperties properties, TopicTable topics, Clock clock) {
        this.maxBodyBytes = properties.getMaxBodyBytes().toBytes();
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * Reads the raw body, refusing (413) a declared or actual size over the limit without reading more than
     * one byte past it.
     */
    public byte[] readBody(@Body InputStream body, @Header("Content-Length") String contentLength) {
        long declared = declaredLength(contentLength);
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body) {
            // Sized from Content-Length when it is given, so a typical body is copied once, not regrown.
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBodyBytes + 1 - total))) > 0) {
                total += read;
                if (total > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the webhook body", e);
        }
    }

    /** Validates the headers of an authenticated request (400 naming what is wrong) and builds the delivery. */
    public WebhookDelivery toDelivery(@Header(ShopifyHeaders.SHOP_DOMAIN) String shopDomain,
                                      @Header(ShopifyHeaders.TOPIC) String topic,
                                      @Header(ShopifyHeaders.WEBHOOK_ID) String webhookId,
                                      @Header(ShopifyHeaders.EVENT_ID) String eventId,
                                      @Header(ShopifyHeaders.TRIGGERED_AT) String triggeredAt,
                                      @Header(ShopifyHeaders.API_VERSION) String apiVersion,
                                      @Body byte[] payload) {
        List<String> missing = new ArrayList<>();
        if (isBlank(topic)) {
            missing.add(ShopifyHeaders.TOPIC);
        }
        if (isBlank(shopDomain)) {
            missing.add(ShopifyHeaders.SHOP_DOMAIN);
        }
        if (isBlank(webhookId)) {
            missing.add(ShopifyHeaders.WEBHOOK_ID);
        }
        if (!missing.isEmpty()) {
            throw badRequest("missing required header(s): " + String.join(", ", missing));
        }
        String cleanTopic = topic.trim();
        if (!isWellFormedTopic(cleanTopic)) {
            throw badRequest("malformed " + ShopifyHeaders.TOPIC + ": expected a topic such as orders/create");
        }
        if (webhookId.trim().length() > MAX_ID_LENGTH) {
            throw badRequest(ShopifyHeaders.WEBHOOK_ID + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        String cleanWebhookId = webhookId.trim();
        EntityKeys.EntityRef entity = EntityKeys.derive(topics.keyRule(cleanTopic), cleanWebhookId, payload);
        return new WebhookDelivery(
                ShopRegistry.normalise(shopDomain),
                cleanTopic,
                cleanWebhookId,
                truncate(eventId, MAX_ID_LENGTH),
                parseInstant(triggeredAt),
                truncate(apiVersion, MAX_VERSION_LENGTH),
                entity.key(),
                entity.resourceUpdatedAt(),
                payload,
                Instant.now(clock));
    }

    /** Shopify topics look like orders/create; anything else is neither stored nor used as a metric tag. */
    public static boolean isWellFormedTopic(String topic) {
        return topic != null && topic.length() <= MAX_TOPIC_LENGTH && TOPIC.matcher(topic).matches();
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Optional header: an unreadable value is dropped rather than failing a genuine, signed delivery. */
    private static Instant parseInstant(String value) {
        return isBlank(value) ? null : EntityKeys.instantOrNull(value.trim());
    }

    private static String truncate(String value, int max) {
        if (isBlank(value)) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private WebhookRejectedException tooLarge() {
        return new WebhookRejectedException(IngestOutcome.TOO_LARGE,
                "body exceeds shopify.max-body-bytes (" + maxBodyBytes + " bytes)");
    }

    private static WebhookRejectedException badRequest(String message) {
        return new WebhookRejectedException(IngestOutcome.BAD_REQUEST, message);
    }
}
