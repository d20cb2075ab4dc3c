package io.shoperp.ingest;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.inbox.RollbackTolerantTransactionManager;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a webhook is stored: the ingest transaction (routes/ingest.yaml) on connections of its own, in which the JDBC
 * idempotent repository records the webhook id and InboxIntake inserts the inbox row.
 */
@Configuration(proxyBeanMethods = false)
public class IngestStorageConfiguration {

    /** processorName of the webhook ids in CAMEL_MESSAGEPROCESSED. */
    public static final String WEBHOOK_PROCESSOR = "shopify-webhooks";

    /** The ingest transaction's connections (see IngestConnections). */
    @Bean
    IngestConnections ingestConnections(DataSource dataSource, ShopifyProperties shopify,
                                        ObjectProvider<MeterRegistry> meters) {
        return IngestConnections.create(dataSource, shopify.getIngestConnections(), meters.getIfAvailable());
    }

    /** The policy behind {@code transacted: {ref: ingestTransaction}} in routes/ingest.yaml. */
    @Bean("ingestTransaction")
    SpringTransactionPolicy ingestTransaction(IngestConnections connections) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(
                new RollbackTolerantTransactionManager(connections.transactions()));
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /** Joins the ingest transaction (see RaceSafeJdbcMessageIdRepository). */
    @Bean
    RaceSafeJdbcMessageIdRepository webhookIdRepository(IngestConnections connections) {
        return new RaceSafeJdbcMessageIdRepository(connections.dataSource(),
                new TransactionTemplate(connections.transactions()), WEBHOOK_PROCESSOR);
    }
}
