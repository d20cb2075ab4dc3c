package io.shoperp.onboarding;

/** A job of the same kind for the shop is QUEUED or RUNNING: a second one would only read Shopify twice. */
public class ActiveJobException extends RuntimeException {

    private final transient AdminJob active;

    ActiveJobException(AdminJob active, AdminJob.Kind kind, String shop) {
        super("a " + kind.label() + " job for " + shop + " is already "
                + (active == null ? "running" : active.state().name().toLowerCase() + " as job " + active.id()));
        this.active = active;
    }

    /** The job in the way; null when it ended in the meantime. */
    public AdminJob active() {
        return active;
    }
}
