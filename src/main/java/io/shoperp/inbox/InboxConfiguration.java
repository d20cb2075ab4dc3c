package io.shoperp.inbox;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The storage side of ingest: the transaction the routes use and the JDBC idempotent repository. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    /** processorName of the webhook ids in CAMEL_MESSAGEPROCESSED. */
    public static final String WEBHOOK_PROCESSOR = "shopify-webhooks";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The policy behind {@code transacted} in the routes. */
    @Bean("PROPAGATION_REQUIRED")
    SpringTransactionPolicy propagationRequired(PlatformTransactionManager transactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /** Joins the route's transaction, under a savepoint of its own (see RaceSafeJdbcMessageIdRepository). */
    @Bean
    RaceSafeJdbcMessageIdRepository webhookIdRepository(DataSource dataSource,
                                                        PlatformTransactionManager transactionManager) {
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new RaceSafeJdbcMessageIdRepository(dataSource, nested, WEBHOOK_PROCESSOR);
    }
}
