package dev.heavyweight.gateway.service;

/** A user's verdict on a generation; null fields are not given. */
public record FeedbackInput(Boolean accepted, Integer rating, String comment) {
}
