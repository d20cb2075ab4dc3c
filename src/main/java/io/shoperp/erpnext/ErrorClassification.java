package io.shoperp.erpnext;

import java.time.Duration;
import java.util.Optional;

/** What to do with a failed ERPNext interaction: retry later (TRANSIENT) or dead-letter it (PERMANENT). */
public record ErrorClassification(Kind kind, String reason, Optional<Duration> retryAfter) {

    public enum Kind { TRANSIENT, PERMANENT }

    public static ErrorClassification transientFailure(String reason, Optional<Duration> retryAfter) {
        return new ErrorClassification(Kind.TRANSIENT, reason, retryAfter);
    }

    public static ErrorClassification permanentFailure(String reason) {
        return new ErrorClassification(Kind.PERMANENT, reason, Optional.empty());
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
