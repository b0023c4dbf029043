package dev.heavyweight.contracts.tensor;

/** Tensor bytes that do not match their declared datatype or shape. */
public class TensorFormatException extends IllegalArgumentException {

    public TensorFormatException(String message) {
        super(message);
    }
}
