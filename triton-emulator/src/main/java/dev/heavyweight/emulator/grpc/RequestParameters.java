package dev.heavyweight.emulator.grpc;

import dev.heavyweight.contracts.kserve.InferParameter;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the numeric custom parameters of a {@code ModelInferRequest} (seed, steps, size). Clients send them
 * as int64, uint64 or an integral double; anything else is a client error naming the parameter.
 */
final class RequestParameters {

    private final Map<String, InferParameter> parameters;

    RequestParameters(Map<String, InferParameter> parameters) {
        this.parameters = parameters;
    }

    long longOr(String name, long fallback) {
        return integral(name).orElse(fallback);
    }

    int intOr(String name, int fallback) {
        OptionalLong value = integral(name);
        if (value.isEmpty()) {
            return fallback;
        }
        long v = value.getAsLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw InferErrors.invalid("parameter '" + name + "' is out of range: " + v);
        }
        return (int) v;
    }

    private OptionalLong integral(String name) {
        InferParameter parameter = parameters.get(name);
        if (parameter == null) {
            return OptionalLong.empty();
        }
        return switch (parameter.getParameterChoiceCase()) {
            case INT64_PARAM -> OptionalLong.of(parameter.getInt64Param());
            // A seed is 64 opaque bits, so an unsigned value keeps its bit pattern.
            case UINT64_PARAM -> OptionalLong.of(parameter.getUint64Param());
            case DOUBLE_PARAM -> OptionalLong.of(fromDouble(name, parameter.getDoubleParam()));
            default -> throw InferErrors.invalid("parameter '" + name + "' must be an integer (int64, uint64 or "
                    + "integral double), got " + parameter.getParameterChoiceCase().name().toLowerCase());
        };
    }

    private static long fromDouble(String name, double value) {
        if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
            throw InferErrors.invalid("parameter '" + name + "' must be an integer, got " + value);
        }
        return (long) value;
    }
}
