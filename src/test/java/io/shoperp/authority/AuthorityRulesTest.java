package io.shoperp.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.topics.DataKind;
import io.shoperp.topics.TopicTable;
import org.junit.jupiter.api.Test;

class AuthorityRulesTest {

    private final AuthorityProperties properties = new AuthorityProperties();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuthorityRules rules = new AuthorityRules(properties, TopicTable.builtIn(), meters);

    @Test
    void defaultsLetShopifyOrdersCustomersAndProductsThrough() {
        assertThat(rules.rejects(event("customers/update"))).isFalse();
        assertThat(rules.rejects(event("products/update"))).isFalse();
        assertThat(rules.rejects(event("orders/create"))).isFalse();
        assertThat(rules.shopifyOwns(DataKind.STOCK)).isFalse();
        assertThat(rules.shopifyOwns(DataKind.PRICE)).isFalse();
    }

    @Test
    void stockIsLeftToInventorySyncWhichChecksEchoesFirst() {
        assertThat(rules.rejects(event("inventory_levels/update"))).isFalse();
    }

    @Test
    void changeToDataErpNextOwnsIsIgnoredNotAuthoritativeAndCounted() {
        properties.setCustomerDetails(Authority.ERPNEXT);
        InboxEvent event = event("customers/update");

        assertThat(rules.rejects(event)).isTrue();
        ApplyOutcome outcome = rules.notAuthoritative(event);

        assertThat(outcome.status()).isEqualTo(InboxStatus.IGNORED);
        assertThat(outcome.detail()).startsWith("not authoritative").contains("authority.customer-details");
        assertThat(meters.get(AuthorityRules.REJECTED_METRIC).tag("kind", "customer-details")
                .tag("topic", "customers/update").counter().count()).isEqualTo(1.0);
    }

    private static InboxEvent event(String topic) {
        return new InboxEvent(1, "shop.myshopify.com", topic, "webhook-1", "entity", Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8), InboxStatus.PROCESSING, 1, Instant.EPOCH,
                "worker", null);
    }
}
