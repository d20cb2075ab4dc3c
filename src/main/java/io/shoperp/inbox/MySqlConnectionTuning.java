package io.shoperp.inbox;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Connector/J defaults for the ingest path on MySQL/MariaDB: every acknowledgement is a short transaction, so
 * round trips the driver can answer itself (session state it already knows, statements it already prepared) are
 * latency Shopify waits for. Applied only to {@code jdbc:mysql:} URLs and only where the operator has not set the
 * property ({@code spring.datasource.hikari.data-source-properties.*} wins).
 */
public class MySqlConnectionTuning implements BeanPostProcessor {

    static final Map<String, String> DEFAULTS = Map.of(
            // autocommit / isolation / read-only are answered from the driver's own state, not by a query
            "useLocalSessionState", "true",
            // "SET autocommit" is only sent when the server's state differs
            "elideSetAutoCommits", "true",
            // statements are prepared on the server once per connection and reused
            "useServerPrepStmts", "true",
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "250",
            "prepStmtCacheSqlLimit", "2048",
            "cacheServerConfiguration", "true",
            "maintainTimeStats", "false");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && isMySql(pool.getJdbcUrl())) {
            DEFAULTS.forEach(pool.getDataSourceProperties()::putIfAbsent);
        }
        return bean;
    }

    static boolean isMySql(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:");
    }
}
