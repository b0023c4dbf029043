package dev.heavyweight.worker.messaging;

/** A delivery that is not a job this worker can run: it goes to the dead-letter queue. */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String message) {
        super(message, null, false, false);
    }
}
