package io.shoperp.inbox;

import java.util.function.IntSupplier;

/** Housekeeping deletes in small batches, so that ingest and workers never wait long on their locks. */
final class BatchedDelete {

    private BatchedDelete() {
    }

    /** Runs {@code deleteBatch} until it deletes less than a full batch; returns how many rows went in all. */
    static int untilShort(int batchSize, IntSupplier deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.getAsInt();
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
