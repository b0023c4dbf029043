package dev.heavyweight.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A body Jackson refused, as a 400 that names the field when there is one, without Jackson's own message. */
final class JsonProblems {

    private static final String DETAIL = "The request body is not valid JSON of the expected shape.";
    /** How Jackson reports a raw control character inside a JSON string (JSON requires them escaped). */
    private static final String UNESCAPED_CONTROL_CHARACTER = "Illegal unquoted character";

    private JsonProblems() {
    }

    static Response response(JsonProcessingException e) {
        return Problem.response(ProblemType.INVALID_REQUEST, DETAIL, List.of(fieldError(e)));
    }

    private static FieldError fieldError(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(unknown.getPropertyName(), "is not a known field");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = lastFieldName(mismatch);
            return field == null
                    ? new FieldError("body", "must be a JSON object")
                    : new FieldError(field, "must be " + describe(mismatch.getTargetType()));
        }
        if (e instanceof InputCoercionException coercion && currentField(coercion.getProcessor()) != null) {
            return new FieldError(currentField(coercion.getProcessor()), "is out of range");
        }
        if (e instanceof JsonParseException parse && currentField(parse.getProcessor()) != null
                && String.valueOf(parse.getOriginalMessage()).startsWith(UNESCAPED_CONTROL_CHARACTER)) {
            return new FieldError(currentField(parse.getProcessor()), "must not contain control characters");
        }
        if (e instanceof JsonMappingException mapping && lastFieldName(mapping) != null) {
            return new FieldError(lastFieldName(mapping), "has an invalid value");
        }
        return new FieldError("body", "is not well-formed JSON");
    }

    private static String currentField(JsonParser parser) {
        return parser == null ? null : parser.getParsingContext().getCurrentName();
    }

    private static String lastFieldName(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid value";
    }
}
