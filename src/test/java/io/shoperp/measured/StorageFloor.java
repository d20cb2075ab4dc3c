package io.shoperp.measured;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import io.shoperp.ingest.InboxIntake;
import io.shoperp.ingest.IngestConnections;
import io.shoperp.ingest.RaceSafeJdbcMessageIdRepository;
import io.shoperp.ingest.ShopRegistry;
import io.shoperp.ingest.ShopifyHeaders;
import io.shoperp.ingest.WebhookDelivery;
import io.shoperp.ingest.WebhookSignatures;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Benchmark only: the storage floor, the least work any implementation of the ingest's invariant must do per
 * delivery (a 200 only after the commit; unauthenticated input stores nothing). Per request it checks the HMAC,
 * then in one JDBC transaction on the ingest's own connections (same MariaDB, same Connector/J settings) inserts the
 * processed id and the inbox row with the ingest's own statements, commits and answers 200; a duplicate is answered
 * 200 from the primary key. Plain JDBC: no Camel EIPs, no Spring transaction, no header validation, no entity key
 * derived from the payload (the row carries {@code webhook:<id>}), no metrics, no log line.
 */
public final class StorageFloor implements Processor {

    private final DataSource connections;
    private final ShopRegistry shops;
    private final String processedIdInsert;
    private final String processorName;

    public StorageFloor(IngestConnections connections, ShopRegistry shops, RaceSafeJdbcMessageIdRepository ids) {
        this.connections = connections.dataSource();
        this.shops = shops;
        this.processedIdInsert = ids.getInsertString();
        this.processorName = ids.getProcessorName();
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        String shop = message.getHeader(ShopifyHeaders.SHOP_DOMAIN, String.class);
        if (!signed(shop, message.getHeader(ShopifyHeaders.HMAC, String.class), body)) {
            answer(message, 401, "{\"outcome\":\"bad_signature\"}");
            return;
        }
        String webhookId = message.getHeader(ShopifyHeaders.WEBHOOK_ID, String.class);
        WebhookDelivery delivery = new WebhookDelivery(shop, message.getHeader(ShopifyHeaders.TOPIC, String.class),
                webhookId, null, null, message.getHeader(ShopifyHeaders.API_VERSION, String.class),
                "webhook:" + webhookId, null, body, Instant.now());
        answer(message, 200, store(delivery) ? "{\"outcome\":\"accepted\"}" : "{\"outcome\":\"duplicate\"}");
    }

    private boolean signed(String shop, String signature, byte[] body) {
        List<SecretKeySpec> keys = shops.signingKeys(shop).orElse(List.of());
        return signature != null && keys.stream().anyMatch(key -> WebhookSignatures.matches(key, body, signature));
    }

    /** @return false for a duplicate: its processed id is there already, and nothing is written */
    private boolean store(WebhookDelivery delivery) throws SQLException {
        try (Connection connection = connections.getConnection()) {
            try {
                try (PreparedStatement id = connection.prepareStatement(processedIdInsert)) {
                    id.setString(1, processorName);
                    id.setString(2, delivery.dedupeKey());
                    id.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
                    id.executeUpdate();
                } catch (SQLIntegrityConstraintViolationException duplicate) {
                    connection.rollback();
                    return false;
                }
                try (PreparedStatement row = InboxIntake.insertPending(connection, delivery)) {
                    row.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void answer(Message message, int status, String body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body);
    }
}
