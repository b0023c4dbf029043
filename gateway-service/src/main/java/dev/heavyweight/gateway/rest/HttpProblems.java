package dev.heavyweight.gateway.rest;

/** Details for errors raised by routing and content negotiation rather than by the API's own code. */
final class HttpProblems {

    private HttpProblems() {
    }

    static String detail(int status) {
        return switch (status) {
            case 404 -> "There is no resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource cannot produce the requested media type.";
            case 413 -> "The request body is too large.";
            case 415 -> "This resource only accepts application/json.";
            default -> "The request could not be handled.";
        };
    }
}
