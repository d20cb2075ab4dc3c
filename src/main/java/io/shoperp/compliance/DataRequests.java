package io.shoperp.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * customers/data_request: the merchant must give a customer their data, and answers from Shopify and ERPNext; the
 * bridge sends nothing. What it records is where its own copy is: how many stored payloads (not yet redacted) are
 * the customer's or those of the orders the request lists, and the entity keys that find them in the admin API.
 */
@Component("dataRequests")
public class DataRequests {

    private final JdbcTemplate jdbc;

    public DataRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws io.shoperp.inbox.UnprocessableEventException when the payload names no customer (permanent) */
    public ApplyOutcome apply(InboxEvent event) {
        JsonNode request = ComplianceScope.request(event);
        ComplianceScope scope = ComplianceScope.customer(event, request, "orders_requested");
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE shop_domain = ? AND id <> ?"
                + " AND redacted_at IS NULL" + scope.condition(), Long.class, scope.arguments(event));
        JsonNode requestId = request.path("data_request").path("id");
        return ApplyOutcome.done("data request "
                + (requestId.isMissingNode() || requestId.isNull() ? "(no id)" : requestId.asText())
                + " for " + scope.subject() + ": " + stored
                + " stored event(s) hold their data (admin API entityKey " + String.join(", ", scope.entityKeys())
                + "); the merchant answers from Shopify and ERPNext");
    }
}
