package io.shoperp.inbox;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Whether a resource version read from Shopify's Admin API is already in the bridge's hands: applied, or held in the
 * inbox (not DEAD) in that version or a newer one. Reading it again from Shopify and storing it would only add an event
 * that changes nothing; the reconciliation, the order backfill and the catalog import skip it.
 */
@Component
public class HeldVersions {

    private final AppliedVersions applied;
    private final InboxQueries inbox;

    public HeldVersions(AppliedVersions applied, InboxQueries inbox) {
        this.applied = applied;
        this.inbox = inbox;
    }

    /**
     * @param entityKey   the inbox key of the resource, e.g. order:123
     * @param topicFamily the topics that carry the whole resource, e.g. {@code orders/}
     */
    public boolean holds(String shop, String entityKey, String topicFamily, Instant version) {
        return atLeast(applied.appliedVersion(entityKey), version)
                || atLeast(inbox.newestLiveVersion(shop, entityKey, topicFamily), version);
    }

    private static boolean atLeast(Optional<Instant> held, Instant version) {
        return held.filter(at -> !at.isBefore(version)).isPresent();
    }
}
