package io.shoperp.inbox;

/** Life cycle of an inbox event; every event ends in DONE, IGNORED or DEAD, never stuck. */
public enum InboxStatus {
    PENDING, PROCESSING, DONE, IGNORED, DEAD
}
