package io.shoperp.inbox;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camel 4.17's JdbcMessageIdRepository answers a concurrent insert of the same key with a
 * DuplicateKeyException instead of "duplicate" (fixed upstream in 4.22). Two deliveries of one webhook
 * racing are exactly that case: the loser is a duplicate, not a failure.
 *
 * <p>Give it a NESTED transaction template: the insert then runs under a savepoint, so the failed insert
 * is rolled back alone and the surrounding ingest transaction stays usable and committable.
 */
public class RaceSafeJdbcMessageIdRepository extends JdbcMessageIdRepository {

    public RaceSafeJdbcMessageIdRepository(DataSource dataSource, TransactionTemplate nestedTemplate,
                                           String processorName) {
        super(dataSource, nestedTemplate, processorName);
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DuplicateKeyException concurrentInsert) {
            return false;
        }
    }
}
