package io.shoperp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import io.shoperp.erpnext.ErpNextPermanentException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    @Test
    void aDependencyNotThereYetIsRetried() {
        assertThat(classifier.classify(new RuntimeCamelException(new NotReadyException("no order yet")))
                .isTransient()).isTrue();
    }

    @Test
    void aMissingMappingIsPermanentWithItsMessage() {
        var classification = classifier.classify(new UnprocessableEventException("missing mapping: erpnext.company"));

        assertThat(classification.isTransient()).isFalse();
        assertThat(classification.reason()).isEqualTo("missing mapping: erpnext.company");
    }

    @Test
    void aDeadlockOrALostDatabaseConnectionIsRetriedButBadDataIsNot() {
        assertThat(classifier.classify(new CannotAcquireLockException("Deadlock found")).isTransient()).isTrue();
        assertThat(classifier.classify(new CannotGetJdbcConnectionException("down", new SQLException()))
                .isTransient()).isTrue();
        assertThat(classifier.classify(new CannotCreateTransactionException("no connection at begin")).isTransient())
                .isTrue();
        assertThat(classifier.classify(new DataIntegrityViolationException("too long")).isTransient()).isFalse();
    }

    @Test
    void erpNextRefusingTheDataIsPermanent() {
        assertThat(classifier.classify(new ErpNextPermanentException("417 LinkValidationError", 417,
                "LinkValidationError")).isTransient()).isFalse();
    }
}
