package io.shoperp.erpnext;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * Maps any failure met while talking to ERPNext to retry-later or dead-letter. The cause chain is searched, so
 * exceptions wrapped by Camel (CamelExecutionException, RuntimeCamelException) classify like their cause.
 */
public final class ErpNextErrorClassifier {

    private ErpNextErrorClassifier() {
    }

    public static ErrorClassification classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErpNextTransientException e) {
                return ErrorClassification.transientFailure(e.getMessage(), e.retryAfter());
            }
            if (t instanceof ErpNextPermanentException e) {
                return ErrorClassification.permanentFailure(e.getMessage());
            }
            if (t instanceof CallNotPermittedException) {
                return ErrorClassification.transientFailure("ERPNext circuit breaker is open: " + t.getMessage(),
                        Optional.empty());
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return ErrorClassification.transientFailure("ERPNext call timed out: " + t, Optional.empty());
            }
            if (t instanceof JsonProcessingException) {
                // An IOException by inheritance, but bad JSON stays bad however often it is retried.
                return ErrorClassification.permanentFailure("Invalid JSON: " + t.getMessage());
            }
            if (t instanceof IOException) {
                return ErrorClassification.transientFailure("ERPNext connection failed: " + t, Optional.empty());
            }
        }
        // Anything else is a defect or bad data on our side; retrying the same input would fail the same way.
        return ErrorClassification.permanentFailure("Unexpected failure: " + failure);
    }
}
