package io.shoperp.support;

/** Closes what a test class started, in the order given, skipping what never started (null). */
public final class Closing {

    private Closing() {
    }

    public static void all(AutoCloseable... started) {
        for (AutoCloseable closeable : started) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
