package dev.heavyweight.task.service;

/** A request field is invalid; the message starts with the field's name ("width: must be …"). */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
