package io.shoperp.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The ingest transaction's manager and the application's. When the database dies inside a transaction, the
 * rollback fails too, and Spring would then throw the rollback's exception instead of the original one: past
 * Camel's error handling in ingest, so Shopify would get a bare 500, and past DatabaseOutage in processing. A
 * failed rollback of an uncommitted transaction on a lost connection commits nothing (the server discards it and
 * releases its locks), so the original failure is what counts: ingest answers it with 503, processing waits.
 */
public final class RollbackTolerantTransactionManager implements PlatformTransactionManager {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackTolerantTransactionManager.class);

    private final PlatformTransactionManager delegate;

    public RollbackTolerantTransactionManager(PlatformTransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
        return delegate.getTransaction(definition);
    }

    @Override
    public void commit(TransactionStatus status) {
        delegate.commit(status);
    }

    @Override
    public void rollback(TransactionStatus status) {
        try {
            delegate.rollback(status);
        } catch (TransactionException lostConnection) {
            LOG.warn("rollback failed ({}): the transaction was not committed", lostConnection.getMessage());
        }
    }
}
