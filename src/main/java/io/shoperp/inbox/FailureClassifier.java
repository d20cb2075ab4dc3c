package io.shoperp.inbox;

import java.util.Optional;

import io.shoperp.erpnext.ErpNextErrorClassifier;
import io.shoperp.erpnext.ErrorClassification;
import org.apache.camel.Exchange;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Decides retry-later versus dead letter for a failed event. Transient: ERPNext unreachable, slow, throttled or
 * failing on its side, an open circuit, a dependency not there yet, or the database briefly unavailable or
 * deadlocked. Permanent: ERPNext refusing the data,
 * a mapping that is not configured, a payload that cannot be read, and anything unexpected (a replay after
 * the fix brings it back).
 */
@Component("failureClassifier")
public class FailureClassifier {

    public ErrorClassification classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotReadyException notReady) {
                return ErrorClassification.transientFailure(notReady.getMessage(), Optional.empty());
            }
            if (cause instanceof UnprocessableEventException mapping) {
                return ErrorClassification.permanentFailure(mapping.getMessage());
            }
            if (cause instanceof TransientDataAccessException || DatabaseOutage.signalsUnavailable(cause)) {
                return ErrorClassification.transientFailure("database: " + cause.getClass().getSimpleName(),
                        Optional.empty());
            }
        }
        return ErpNextErrorClassifier.classify(failure);
    }

    /** For the routes' onWhen: the exchange's failure is worth retrying. */
    public boolean isTransient(Exchange exchange) {
        return classify(failureOf(exchange)).isTransient();
    }

    static Throwable failureOf(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
