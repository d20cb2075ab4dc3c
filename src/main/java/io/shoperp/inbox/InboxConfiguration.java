package io.shoperp.inbox;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.shoperp.ingest.ShopifyProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox's infrastructure: the routes' transaction, the JDBC idempotent repository, the worker pool. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    /** processorName of the webhook ids in CAMEL_MESSAGEPROCESSED. */
    public static final String WEBHOOK_PROCESSOR = "shopify-webhooks";
    /** Thread pool profile of the inbox workers, named by routes/dispatch.yaml. */
    static final String INBOX_WORKERS = "inboxWorkers";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The workers of the dispatch route's split (processing.concurrency threads), as a Camel thread pool profile
     * that the route names. Not an Executor bean: that would replace Spring Boot's task executor, which
     * platform-http needs.
     */
    @Bean
    CamelContextConfiguration inboxWorkerPool(ProcessingProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ThreadPoolProfile workers = new ThreadPoolProfileBuilder(INBOX_WORKERS)
                        .poolSize(properties.getConcurrency())
                        .maxPoolSize(properties.getConcurrency())
                        .maxQueueSize(-1)
                        .build();
                camelContext.getExecutorServiceManager().registerThreadPoolProfile(workers);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    /** Static: a post-processor must exist before the DataSource it tunes. */
    @Bean
    static MySqlConnectionTuning mySqlConnectionTuning() {
        return new MySqlConnectionTuning();
    }

    /**
     * The application's transaction manager, behind the inbox's claims, outcomes, purges and redactions (Spring
     * Boot's own backs off). When the database is lost mid-transaction, the failure to roll back must not replace
     * the failure that counts: the dispatcher and the outcome recording recognise a lost database by it and wait
     * (DatabaseOutage), where Spring would log an ERROR with two stack traces and hand Camel the rollback's error.
     */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new RollbackTolerantTransactionManager(new JdbcTransactionManager(dataSource));
    }

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
