package io.shoperp.ingest;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.ExchangeProperties;
import io.shoperp.LogFields;
import io.shoperp.inbox.Causes;
import io.shoperp.inbox.DatabaseOutage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Writes the answer Shopify gets, counts it on {@code shopify.webhooks.received} and logs one line per
 * request. Answers never echo request headers and never carry a stack trace.
 */
@Component("ingestResponses")
public class IngestResponses {

    private static final Logger LOG = LoggerFactory.getLogger(IngestResponses.class);
    private static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry meters;
    private final ShopRegistry shops;
    private final StorageRefusals refusals;

    public IngestResponses(MeterRegistry meters, ShopRegistry shops, StorageRefusals refusals) {
        this.meters = meters;
        this.shops = shops;
        this.refusals = refusals;
    }

    /** The delivery went through the inbox transaction, which has committed. */
    public void stored(Exchange exchange) {
        WebhookDelivery delivery = exchange.getMessage().getBody(WebhookDelivery.class);
        Long inboxId = exchange.getProperty(ExchangeProperties.INBOX_EVENT_ID, Long.class);
        IngestOutcome outcome = inboxId != null ? IngestOutcome.ACCEPTED : IngestOutcome.DUPLICATE;
        refusals.stored();
        count(delivery.shopDomain(), delivery.topic(), outcome);
        try (LogFields fields = LogFields.of(delivery.shopDomain(), delivery.topic(), delivery.webhookId(),
                delivery.entityKey()).with(LogFields.EVENT_ID, delivery.eventId()).with(LogFields.INBOX_ID, inboxId)) {
            LOG.info("webhook {} shop={} topic={} webhookId={} entity={} inboxId={}", outcome.tag(),
                    delivery.shopDomain(), delivery.topic(), delivery.webhookId(), delivery.entityKey(), inboxId);
        }
        answer(exchange.getMessage(), outcome, outcome == IngestOutcome.ACCEPTED ? "stored" : "already received");
    }

    /** The request failed before the delivery was stored: a rejection (4xx) or storage trouble (503). */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String shop = message.getHeader(ShopifyHeaders.SHOP_DOMAIN, String.class);
        String shopTag = shop != null && shops.isKnown(shop) ? ShopRegistry.normalise(shop) : UNKNOWN;
        boolean verified = exchange.getProperty(ExchangeProperties.WEBHOOK_VERIFIED, false, Boolean.class);
        String topic = message.getHeader(ShopifyHeaders.TOPIC, String.class);
        String topicTag = verified && WebhookRequests.isWellFormedTopic(topic) ? topic : UNKNOWN;
        // Unverified header values are neither logged nor tagged: they are whatever a stranger sent.
        String webhookId = verified ? message.getHeader(ShopifyHeaders.WEBHOOK_ID, String.class) : UNKNOWN;

        IngestOutcome outcome;
        String reason;
        try (LogFields fields = LogFields.of(shopTag, topicTag, webhookId, null)) {
            if (cause instanceof WebhookRejectedException rejected) {
                outcome = rejected.outcome();
                reason = rejected.getMessage();
                LOG.info("webhook {} shop={} topic={} webhookId={} reason={}", outcome.tag(), shopTag, topicTag,
                        webhookId, reason);
            } else {
                outcome = IngestOutcome.UNAVAILABLE;
                reason = isStorageFailure(cause) ? "storage unavailable, delivery not stored: retry later"
                        : "delivery not stored: retry later";
                // An unreachable database is logged per outage, not per delivery (Shopify retries them all meanwhile);
                // any other failure to store is a fault of its own.
                boolean outage = DatabaseOutage.isUnavailable(cause);
                if (outage) {
                    refusals.refused(cause);
                }
                LOG.atLevel(outage ? Level.DEBUG : Level.ERROR).log("webhook {} shop={} topic={} webhookId={} error={}",
                        outcome.tag(), shopTag, topicTag, webhookId, Causes.classNames(cause));
            }
        }
        count(shopTag, topicTag, outcome);
        answer(message, outcome, reason);
    }

    private void count(String shop, String topic, IngestOutcome outcome) {
        Counter.builder("shopify.webhooks.received")
                .description("Shopify webhook requests by outcome")
                .tag("shop", shop)
                .tag("topic", topic)
                .tag("outcome", outcome.tag())
                .register(meters)
                .increment();
    }

    private static void answer(Message message, IngestOutcome outcome, String detail) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.httpStatus());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.createObjectNode().put("outcome", outcome.tag()).put("message", detail).toString());
    }

    private static boolean isStorageFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException || t instanceof TransactionException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
