package io.shoperp.compliance;

import static io.shoperp.inbox.UtcColumns.utc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.Batches;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies Shopify's compliance redactions to what the bridge itself holds: the stored payloads of its inbox.
 * customers/redact covers the customer's events and those of the orders it lists ({@code orders_to_redact});
 * shop/redact (48 h after uninstall) covers every event of the shop. Personal fields (names, email, phone,
 * addresses, the customer object, client details, notes) are removed at any depth, so amounts, ids and
 * taxes_included stay for the refunds and reports that still read them; the texts an event's outcome and history
 * recorded are replaced too, since they can quote ERPNext names. A redacted event keeps its status but is no
 * longer replayable. ERPNext's own documents are the merchant's records and are not touched.
 *
 * <p>An affected event still open (PENDING or PROCESSING) would be applied from the personal data, so the
 * redaction waits for it ({@link NotReadyException}, retried) rather than take it away from under it.
 */
@Component("payloadRedaction")
public class PayloadRedaction {

    /** Fields removed wherever they occur in a payload. */
    static final Set<String> PERSONAL_FIELDS = Set.of("email", "contact_email", "phone", "first_name", "last_name",
            "company", "address1", "address2", "city", "zip", "latitude", "longitude", "browser_ip",
            "client_details", "note", "note_attributes", "customer", "billing_address", "shipping_address",
            "default_address", "addresses", "destination", "landing_site", "referring_site");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public PayloadRedaction(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * @throws NotReadyException while an affected event is still open (transient)
     * @throws UnprocessableEventException when the payload is not a redaction request Shopify sends (permanent)
     */
    public ApplyOutcome apply(InboxEvent event) {
        ComplianceScope scope = scope(event);
        long open = jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE shop_domain = ? AND id <> ?"
                + " AND status IN ('PENDING', 'PROCESSING')" + scope.condition(), Long.class, scope.arguments(event));
        if (open > 0) {
            throw new NotReadyException(open + " event(s) of " + scope.subject() + " still open: redaction waits");
        }
        String note = "redacted by " + event.topic() + " event " + event.id();
        int redacted = Batches.untilShort(BATCH, () -> transaction.execute(status -> redactBatch(event, scope, note)));
        return ApplyOutcome.done("payloads of " + redacted + " event(s) of " + scope.subject() + " redacted");
    }

    private int redactBatch(InboxEvent event, ComplianceScope scope, String note) {
        Map<Long, byte[]> payloads = new LinkedHashMap<>();
        // Only finished events and the request itself: one that arrived since the check above is left to apply.
        jdbc.query("SELECT id, payload FROM inbox_event WHERE shop_domain = ? AND redacted_at IS NULL"
                        + " AND (id = ? OR status IN ('DONE', 'IGNORED', 'DEAD'))" + scope.condition()
                        + " ORDER BY id LIMIT " + BATCH,
                (RowCallbackHandler) rs -> payloads.put(rs.getLong("id"), rs.getBytes("payload")),
                scope.arguments(event));
        Instant now = Instant.now(clock);
        payloads.forEach((id, payload) -> {
            jdbc.update("UPDATE inbox_event SET payload = ?, redacted_at = ?,"
                    + " status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE ? END,"
                    + " last_error = CASE WHEN last_error IS NULL THEN NULL ELSE ? END WHERE id = ?",
                    scrub(payload), utc(now), note, note, id);
            jdbc.update("UPDATE inbox_event_history SET detail = ? WHERE event_id = ? AND detail IS NOT NULL",
                    note, id);
        });
        return payloads.size();
    }

    /** The payload without its personal fields; what is not JSON keeps nothing. */
    static byte[] scrub(byte[] payload) {
        try {
            JsonNode tree = JSON.readTree(payload);
            if (tree == null || !tree.isContainerNode()) {
                return EMPTY.clone();
            }
            removePersonal(tree);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException notJson) {
            return EMPTY.clone();
        }
    }

    private static void removePersonal(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PERSONAL_FIELDS);
            object.forEach(PayloadRedaction::removePersonal);
        } else if (node instanceof ArrayNode array) {
            array.forEach(PayloadRedaction::removePersonal);
        }
    }

    private static ComplianceScope scope(InboxEvent event) {
        return event.topic().equals("shop/redact") ? ComplianceScope.wholeShop()
                : ComplianceScope.customer(event, ComplianceScope.request(event), "orders_to_redact");
    }
}
