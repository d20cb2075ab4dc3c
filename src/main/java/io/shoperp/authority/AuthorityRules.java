package io.shoperp.authority;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.topics.DataKind;
import io.shoperp.topics.TopicTable;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * Whether a Shopify event changes data Shopify owns. A change to data ERPNext owns is not applied: it ends IGNORED
 * with a reason starting {@value #NOT_AUTHORITATIVE} and counts on {@value #REJECTED_METRIC} (tags kind, topic).
 */
@Component("authorityRules")
public class AuthorityRules {

    public static final String REJECTED_METRIC = "authority.rejected";
    public static final String NOT_AUTHORITATIVE = "not authoritative";

    private final AuthorityProperties properties;
    private final TopicTable topics;
    private final MeterRegistry meters;

    public AuthorityRules(AuthorityProperties properties, TopicTable topics, MeterRegistry meters) {
        this.properties = properties;
        this.topics = topics;
        this.meters = meters;
    }

    public boolean shopifyOwns(DataKind kind) {
        return properties.ownerOf(kind) == Authority.SHOPIFY;
    }

    /**
     * For inbox-process: the event changes data ERPNext owns. Stock is left to inventory-sync, which must first
     * recognise the echoes of its own writes, and records a genuine change as a conflict.
     */
    public boolean rejects(@Body InboxEvent event) {
        return topics.dataKind(event.topic())
                .filter(kind -> kind != DataKind.STOCK && !shopifyOwns(kind))
                .isPresent();
    }

    /** The outcome of an event {@link #rejects} refused. */
    public ApplyOutcome notAuthoritative(@Body InboxEvent event) {
        DataKind kind = topics.dataKind(event.topic())
                .orElseThrow(() -> new IllegalArgumentException("no authority rule covers " + event.topic()));
        recordRejection(kind, event.topic());
        return ApplyOutcome.ignored(reason(kind));
    }

    public void recordRejection(DataKind kind, String topic) {
        Counter.builder(REJECTED_METRIC)
                .description("Shopify changes not applied because ERPNext owns the data")
                .tag("kind", kind.tag())
                .tag("topic", topic)
                .register(meters)
                .increment();
    }

    public static String reason(DataKind kind) {
        return NOT_AUTHORITATIVE + ": ERPNext owns " + kind.tag() + " (authority." + kind.tag() + ")";
    }
}
