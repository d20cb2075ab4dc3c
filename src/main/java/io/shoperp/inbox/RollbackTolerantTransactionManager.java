package io.shoperp.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The ingest transaction's manager. When the database dies inside the transaction, the rollback fails too, and
 * Spring would then throw the rollback's exception instead of the original one, past Camel's error handling, so
 * Shopify would get a bare 500. A failed rollback of an uncommitted transaction on a lost connection commits
 * nothing (the server discards it), so the original failure is what counts: the route answers it with 503.
 */
final class RollbackTolerantTransactionManager implements PlatformTransactionManager {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackTolerantTransactionManager.class);

    private final PlatformTransactionManager delegate;

    RollbackTolerantTransactionManager(PlatformTransactionManager delegate) {
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
