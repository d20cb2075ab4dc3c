package io.shoperp.ingest;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook-id store of the ingest transaction: {@code add} is one INSERT into CAMEL_MESSAGEPROCESSED, and the
 * primary key decides. A key already there, or inserted at the same moment by a concurrent delivery of the same
 * webhook, is a duplicate ({@code false}), not a failure.
 *
 * <p>Camel 4.17's {@code add} counts before it inserts (two round trips), under its own transaction template,
 * and answers the race with a DuplicateKeyException (fixed upstream only in 4.22). Here the insert joins the
 * route's transaction directly: on MySQL, MariaDB and H2 a failed statement is rolled back alone, so the
 * surrounding transaction stays usable and committable without a savepoint.
 */
public class RaceSafeJdbcMessageIdRepository extends JdbcMessageIdRepository {

    public RaceSafeJdbcMessageIdRepository(DataSource dataSource, TransactionTemplate transactionTemplate,
                                           String processorName) {
        super(dataSource, transactionTemplate, processorName);
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        try {
            return insert(key) == 1;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }
}
