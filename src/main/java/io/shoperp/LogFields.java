package io.shoperp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;

/**
 * The fields that identify a webhook or an inbox event in the logs, put in the MDC around the lines that report it.
 * Spring Boot's structured console formats (logging.structured.format.console: ecs or logstash) write MDC entries as
 * JSON fields, so a log pipeline can filter by shop or entity without parsing messages. Only identifiers go here,
 * never payload content.
 */
public final class LogFields implements AutoCloseable {

    public static final String SHOP = "shop";
    public static final String TOPIC = "topic";
    public static final String WEBHOOK_ID = "webhookId";
    public static final String ENTITY_KEY = "entityKey";
    /** Shopify's X-Shopify-Event-Id: one event delivered by several webhook subscriptions shares it. */
    public static final String EVENT_ID = "eventId";
    /** The inbox row of the event. */
    public static final String INBOX_ID = "inboxId";

    /** The values the MDC held before, restored on close: a scope may be opened inside another one. */
    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogFields() {
    }

    /** Opens a scope: use in try-with-resources around the log lines. */
    public static LogFields of(String shop, String topic, String webhookId, String entityKey) {
        return new LogFields().with(SHOP, shop).with(TOPIC, topic).with(WEBHOOK_ID, webhookId)
                .with(ENTITY_KEY, entityKey);
    }

    /** Adds a field to this scope; a null value leaves the field out. */
    public LogFields with(String key, Object value) {
        if (value != null) {
            if (!previous.containsKey(key)) {
                previous.put(key, MDC.get(key));
            }
            MDC.put(key, value.toString());
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
