package dev.heavyweight.gateway.rest;

/** One invalid request field, by its JSON name. */
public record FieldError(String field, String message) {
}
