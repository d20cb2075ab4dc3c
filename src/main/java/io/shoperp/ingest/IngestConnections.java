package io.shoperp.ingest;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The connections of the ingest transaction (webhook id + inbox row): a pool of its own, with the main pool's
 * settings but autocommit off. Around every transaction on an autocommit connection, Spring switches autocommit
 * off and on again: two statements of the five an acknowledgement would cost. Only the ingest transaction uses
 * these connections and always inside a transaction, so nothing here relies on autocommit.
 *
 * <p>Deliberately not a DataSource or transaction manager bean: Spring Boot's own would then back off. Where the
 * main DataSource is not a Hikari pool, the ingest shares it.
 */
public final class IngestConnections implements AutoCloseable {

    static final String POOL_SUFFIX = "-ingest";

    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;

    private IngestConnections(DataSource dataSource, HikariDataSource ownPool) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    /** A lazily started pool of {@code size} connections configured like {@code main}, autocommit off. */
    static IngestConnections create(DataSource main, int size, MeterRegistry meters) {
        if (!(main instanceof HikariDataSource mainPool)) {
            return new IngestConnections(main, null);
        }
        HikariConfig config = new HikariConfig();
        mainPool.copyStateTo(config);
        config.setPoolName((mainPool.getPoolName() != null ? mainPool.getPoolName() : "bridge") + POOL_SUFFIX);
        config.setAutoCommit(false);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(size, config.getMinimumIdle() < 0 ? size : config.getMinimumIdle()));
        if (meters != null && config.getMetricRegistry() == null && config.getMetricsTrackerFactory() == null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        HikariDataSource pool = new HikariDataSource();
        config.copyStateTo(pool);
        return new IngestConnections(pool, pool);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
