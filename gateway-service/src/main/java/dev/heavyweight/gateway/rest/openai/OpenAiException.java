package dev.heavyweight.gateway.rest.openai;

/** An error of the OpenAI-compatible surface, answered in OpenAI's envelope. */
class OpenAiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    OpenAiException(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static OpenAiException invalid(String param, String message) {
        return new OpenAiException(400, OpenAiError.INVALID_REQUEST, "invalid_value", param, message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}
