package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

class RollbackTolerantTransactionManagerTest {

    private final PlatformTransactionManager database = mock(PlatformTransactionManager.class);
    private final TransactionTemplate transaction =
            new TransactionTemplate(new RollbackTolerantTransactionManager(database));

    @Test
    void theOriginalFailureSurvivesARollbackOnALostConnection() {
        doThrow(new TransactionSystemException("connection lost")).when(database).rollback(any());

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            throw new IllegalStateException("insert failed: database gone");
        })).isInstanceOf(IllegalStateException.class).hasMessage("insert failed: database gone");
        verify(database).rollback(any());
    }

    @Test
    void commitsAndItsFailuresAreUntouched() {
        doThrow(new TransactionSystemException("commit failed")).when(database).commit(any());

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> { }))
                .isInstanceOf(TransactionSystemException.class);
        assertThatCode(() -> new RollbackTolerantTransactionManager(database).rollback(mock(TransactionStatus.class)))
                .doesNotThrowAnyException();
    }
}
