package io.shoperp.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;

import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxRows;
import io.shoperp.inbox.InboxStore;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * customers/redact and shop/redact remove personal data from the stored payloads, and only from those asked for;
 * customers/data_request records which stored payloads hold the customer's data.
 */
@H2AppTest
class ComplianceRequestsH2Test {

    private static final String JANE = """
            {"id":%d,"email":"jane@example.com","first_name":"Jane","last_name":"Doe","phone":"+4915100000",\
            "addresses":[{"id":5,"name":"Jane Doe","address1":"Hauptstr. 1","city":"Berlin","zip":"10115",\
            "country_code":"DE"}],"default_address":{"id":5,"address1":"Hauptstr. 1"},"updated_at":"2026-11-29T08:00:00Z"}""";
    private static final String ORDER = """
            {"id":%d,"email":"jane@example.com","contact_email":"jane@example.com","total_price":"119.00",\
            "taxes_included":true,"customer":{"id":%d,"email":"jane@example.com","first_name":"Jane"},\
            "billing_address":{"name":"Jane Doe","address1":"Hauptstr. 1"},"shipping_address":{"name":"Jane Doe"},\
            "line_items":[{"id":7,"sku":"TSHIRT-RED-M","price":"119.00","quantity":1,"name":"Red shirt"}],\
            "browser_ip":"203.0.113.9","note":"ring twice for Jane","client_details":{"user_agent":"x"}}""";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PayloadRedaction redaction;
    @Autowired
    DataRequests dataRequests;
    @Autowired
    InboxStore store;

    private final String shop = "redact-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";

    @Test
    void customersRedactRemovesPersonalFieldsFromTheCustomersAndListedOrdersEventsOnly() {
        long customer = insert(shop, "customers/create", "customer:1", "DONE", JANE.formatted(1));
        long order = insert(shop, "orders/paid", "order:10", "DONE", ORDER.formatted(10, 1));
        long fulfillment = insert(shop, "fulfillments/create", "order:10", "DEAD",
                "{\"id\":70,\"order_id\":10,\"destination\":{\"name\":\"Jane Doe\"},\"email\":\"jane@example.com\"}");
        jdbc.update("UPDATE inbox_event SET status_reason = 'Customer Jane Doe refused' WHERE id = ?", fulfillment);
        jdbc.update("INSERT INTO inbox_event_history (event_id, at, status, attempt, detail) VALUES (?, ?, 'DONE', 1,"
                + " 'Customer Jane Doe created')", customer, LocalDateTime.now(ZoneOffset.UTC));
        long unlistedOrder = insert(shop, "orders/paid", "order:99", "DONE", ORDER.formatted(99, 1));
        long otherCustomer = insert(shop, "customers/create", "customer:2", "DONE", JANE.formatted(2));
        long otherShop = insert("other-" + shop, "customers/create", "customer:1", "DONE", JANE.formatted(1));
        long open = insert(shop, "orders/updated", "order:11", "PENDING", ORDER.formatted(11, 1));
        long request = insert(shop, "customers/redact", "customer:1", "PROCESSING", """
                {"shop_id":1,"shop_domain":"%s","customer":{"id":1,"email":"jane@example.com","phone":"+4915100000"},\
                "orders_to_redact":[10,11]}""".formatted(shop));

        assertThatThrownBy(() -> redaction.apply(event(request)))
                .isInstanceOf(NotReadyException.class).hasMessageContaining("1 event(s) of customer 1");
        assertThat(payload(customer)).contains("Jane");

        jdbc.update("UPDATE inbox_event SET status = 'DONE' WHERE id = ?", open);
        ApplyOutcome outcome = redaction.apply(event(request));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("payloads of 5 event(s) of customer 1 and 2 order(s) redacted"));
        for (long redacted : new long[] {customer, order, fulfillment, open, request}) {
            assertThat(payload(redacted)).doesNotContain("Jane", "jane@", "Hauptstr", "+49", "203.0.113.9", "ring twice");
            assertThat(jdbc.queryForObject("SELECT redacted_at FROM inbox_event WHERE id = ?", LocalDateTime.class,
                    redacted)).isNotNull();
        }
        assertThat(payload(order)).contains("\"total_price\":\"119.00\"", "\"taxes_included\":true", "TSHIRT-RED-M");
        String note = "redacted by customers/redact event " + request;
        assertThat(jdbc.queryForObject("SELECT status_reason FROM inbox_event WHERE id = ?", String.class, fulfillment))
                .isEqualTo(note);
        assertThat(jdbc.queryForList("SELECT detail FROM inbox_event_history WHERE event_id = ?", String.class, customer))
                .containsOnly(note);
        for (long untouched : new long[] {unlistedOrder, otherCustomer, otherShop}) {
            assertThat(payload(untouched)).contains("Jane", "jane@example.com");
        }
        assertThat(store.replay(fulfillment, "admin")).as("a redacted event is not replayable").isFalse();
        assertThat(store.replay(unlistedOrder, "admin")).isTrue();
    }

    @Test
    void shopRedactRemovesPersonalFieldsFromEveryEventOfTheShop() {
        long customer = insert(shop, "customers/update", "customer:3", "DONE", JANE.formatted(3));
        long order = insert(shop, "orders/create", "order:30", "IGNORED", ORDER.formatted(30, 3));
        long otherShop = insert("other-" + shop, "customers/update", "customer:3", "DONE", JANE.formatted(3));
        long request = insert(shop, "shop/redact", "shop:1", "PROCESSING",
                "{\"shop_id\":1,\"shop_domain\":\"" + shop + "\"}");

        ApplyOutcome outcome = redaction.apply(event(request));

        assertThat(outcome.detail()).isEqualTo("payloads of 3 event(s) of the shop redacted");
        assertThat(payload(customer)).doesNotContain("Jane").contains("\"id\":3");
        assertThat(payload(order)).doesNotContain("Jane").contains("\"total_price\":\"119.00\"");
        assertThat(payload(otherShop)).contains("Jane");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers/redact", "customers/data_request"})
    void aCustomerRequestWithoutCustomerIdIsRefusedPermanently(String topic) {
        long request = insert(shop, topic, "customer:4", "PROCESSING", "{\"orders_to_redact\":[1]}");

        Function<InboxEvent, ApplyOutcome> applier = topic.equals("customers/redact") ? redaction::apply
                : dataRequests::apply;

        assertThatThrownBy(() -> applier.apply(event(request)))
                .isInstanceOf(UnprocessableEventException.class).hasMessage(topic + " without customer.id");
    }

    @Test
    void aDataRequestCountsTheCustomersAndRequestedOrdersStoredPayloadsNotYetRedacted() {
        insert(shop, "customers/create", "customer:6", "DONE", JANE.formatted(6));
        insert(shop, "orders/paid", "order:60", "DEAD", ORDER.formatted(60, 6));
        long redacted = insert(shop, "orders/create", "order:60", "DONE", ORDER.formatted(60, 6));
        jdbc.update("UPDATE inbox_event SET redacted_at = updated_at WHERE id = ?", redacted);
        insert(shop, "orders/paid", "order:61", "DONE", ORDER.formatted(61, 6));
        insert("other-" + shop, "customers/create", "customer:6", "DONE", JANE.formatted(6));
        long request = insert(shop, "customers/data_request", "customer:6", "PROCESSING", """
                {"shop_id":1,"shop_domain":"%s","orders_requested":[60],"customer":{"id":6,"email":"jane@example.com"},\
                "data_request":{"id":9999}}""".formatted(shop));

        ApplyOutcome outcome = dataRequests.apply(event(request));

        assertThat(outcome).isEqualTo(ApplyOutcome.done("data request 9999 for customer 6 and 1 order(s): 2 stored"
                + " event(s) hold their data (admin API entityKey customer:6, order:60); the merchant answers from"
                + " Shopify and ERPNext"));
        assertThat(payload(request)).contains("jane@example.com");
    }

    private long insert(String shopDomain, String topic, String entityKey, String status, String payload) {
        return InboxRows.insert(jdbc, shopDomain, UUID.randomUUID().toString(), topic, entityKey, status,
                payload.getBytes(StandardCharsets.UTF_8), LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
    }

    private InboxEvent event(long id) {
        return InboxRows.event(jdbc, id);
    }

    private String payload(long id) {
        return new String(jdbc.queryForObject("SELECT payload FROM inbox_event WHERE id = ?", byte[].class, id),
                StandardCharsets.UTF_8);
    }
}
