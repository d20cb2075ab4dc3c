package io.shoperp.topics;

import java.util.Optional;

/**
 * One row of the topic table: a Shopify webhook topic, how its events are keyed, which data it changes (for the
 * authority rules; empty for compliance and app topics, which apply whoever owns the data), and the stage endpoint
 * the topic router sends it to (empty: recorded and IGNORED).
 */
public record TopicRoute(String topic, EntityKeyRule entityKey, Optional<DataKind> dataKind, Optional<String> stage) {

    /** The family of a topic: "orders" for orders/paid. */
    public static String familyOf(String topic) {
        int slash = topic.indexOf('/');
        return slash < 0 ? topic : topic.substring(0, slash);
    }

    String family() {
        return familyOf(topic);
    }
}
