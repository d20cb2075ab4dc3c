package io.shoperp.inbox;

/** What a log line may say of a failure: class names down the cause chain, never a message that could hold data. */
public final class Causes {

    private static final int MAX_LENGTH = 500;

    private Causes() {
    }

    /** E.g. "CannotCreateTransactionException <- SQLTransientConnectionException"; "none" for null. */
    public static String classNames(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_LENGTH; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
