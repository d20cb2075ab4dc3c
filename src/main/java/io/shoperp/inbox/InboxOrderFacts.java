package io.shoperp.inbox;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Facts of an order that later events need but do not carry (a refund has no taxes_included), read from the
 * orders/* payloads the inbox stored: the integration's own record of what Shopify said.
 */
@Component
public class InboxOrderFacts implements OrderFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public InboxOrderFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean taxesIncluded(long orderId) {
        List<byte[]> payloads = jdbc.queryForList("SELECT payload FROM inbox_event WHERE entity_key = ?"
                + " AND topic LIKE 'orders/%' AND status <> 'DEAD' ORDER BY order_at DESC, id DESC LIMIT 1",
                byte[].class, "order:" + orderId);
        if (payloads.isEmpty()) {
            throw new NotReadyException("no orders/* event of Shopify order " + orderId + " stored yet");
        }
        try {
            JsonNode taxesIncluded = JSON.readTree(payloads.get(0)).path("taxes_included");
            return taxesIncluded.asBoolean(false);
        } catch (IOException e) {
            throw new NotReadyException("the stored order " + orderId + " cannot be read: " + e.getMessage());
        }
    }
}
