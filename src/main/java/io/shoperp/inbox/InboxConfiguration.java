package io.shoperp.inbox;

import java.time.Clock;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The inbox's infrastructure: the clock, the application's transaction manager, the worker pool. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

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
}
