package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class MySqlConnectionTuningTest {

    private final MySqlConnectionTuning tuning = new MySqlConnectionTuning();

    @Test
    void addsDriverDefaultsToAMySqlPoolWithoutOverridingTheOperatorsSettings() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:mysql://db-host:3306/bridge");
            pool.addDataSourceProperty("prepStmtCacheSize", "500");

            tuning.postProcessAfterInitialization(pool, "dataSource");

            assertThat(pool.getDataSourceProperties())
                    .containsEntry("useLocalSessionState", "true")
                    .containsEntry("useServerPrepStmts", "true")
                    .containsEntry("prepStmtCacheSize", "500");
        }
    }

    @Test
    void leavesOtherDatabasesAlone() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:bridge;MODE=MySQL");

            tuning.postProcessAfterInitialization(pool, "dataSource");

            assertThat(pool.getDataSourceProperties()).isEmpty();
        }
    }
}
