package io.shoperp.inbox;

import java.util.function.IntSupplier;

/**
 * Bulk work on the inbox (purges, redactions) in small batches, each its own statement or transaction, so that
 * ingest and workers never wait long on its locks.
 */
public final class Batches {

    private Batches() {
    }

    /** Runs {@code batch} until it handles less than a full batch; returns how many rows it handled in all. */
    public static int untilShort(int batchSize, IntSupplier batch) {
        int total = 0;
        int done;
        do {
            done = batch.getAsInt();
            total += done;
        } while (done == batchSize);
        return total;
    }
}
