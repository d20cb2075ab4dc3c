package io.shoperp.ingest;

import static io.shoperp.inbox.UtcColumns.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import io.shoperp.inbox.InboxStatus;
import org.apache.camel.Body;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Where a delivery enters the inbox: the row insert of the ingest transaction (routes/ingest.yaml). */
@Component("inboxIntake")
public class InboxIntake {

    private static final String INSERT = """
            INSERT INTO inbox_event (shop_domain, topic, webhook_id, event_id, triggered_at, api_version,
                                     entity_key, resource_updated_at, order_at, payload, status, attempts,
                                     next_attempt_at, received_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""";

    private final IngestConnections connections;

    public InboxIntake(IngestConnections connections) {
        this.connections = connections;
    }

    /**
     * Inserts the delivery as PENDING, due now, inside the caller's transaction.
     *
     * @return the new row id, or null when a row for this shop and webhook id exists already (a duplicate
     *         that arrived after its processed id was purged)
     */
    public Long storePending(@Body WebhookDelivery delivery) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            connections.jdbc().update(connection -> insertPending(connection, delivery), key);
        } catch (DuplicateKeyException e) {
            return null;
        }
        return key.getKey().longValue();
    }

    /**
     * The statement that inserts the delivery's inbox row, PENDING and due now, returning its generated id. Public so
     * that the benchmark's storage floor writes exactly the row the ingest writes.
     */
    public static PreparedStatement insertPending(Connection connection, WebhookDelivery delivery) throws SQLException {
        PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
        insert.setString(1, delivery.shopDomain());
        insert.setString(2, delivery.topic());
        insert.setString(3, delivery.webhookId());
        insert.setString(4, delivery.eventId());
        insert.setObject(5, utc(delivery.triggeredAt()));
        insert.setString(6, delivery.apiVersion());
        insert.setString(7, delivery.entityKey());
        insert.setObject(8, utc(delivery.resourceUpdatedAt()));
        insert.setObject(9, utc(orderAt(delivery)));
        insert.setBytes(10, delivery.payload());
        insert.setString(11, InboxStatus.PENDING.name());
        insert.setObject(12, utc(delivery.receivedAt()));
        insert.setObject(13, utc(delivery.receivedAt()));
        insert.setObject(14, utc(delivery.receivedAt()));
        return insert;
    }

    private static Instant orderAt(WebhookDelivery delivery) {
        if (delivery.resourceUpdatedAt() != null) {
            return delivery.resourceUpdatedAt();
        }
        return delivery.triggeredAt() != null ? delivery.triggeredAt() : delivery.receivedAt();
    }
}
