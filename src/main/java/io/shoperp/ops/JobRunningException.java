package io.shoperp.ops;

/** A run of a scheduled job was asked for now while another is going: the caller retries or leaves it to the timer. */
public class JobRunningException extends RuntimeException {

    public JobRunningException(String job) {
        super("scheduled job " + job + " is running on another instance or thread");
    }
}
