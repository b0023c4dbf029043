package dev.heavyweight.contracts.models;

import dev.heavyweight.contracts.kserve.ModelMetadataResponse.TensorMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One input or output tensor as the platform expects a model to declare it in KServe v2 {@code ModelMetadata}.
 *
 * @param name     tensor name
 * @param datatype KServe v2 datatype, e.g. {@code BYTES}, {@code UINT8}
 * @param shape    dimensions; {@link #VARIABLE} (-1) is a dimension of any size
 */
public record TensorSpec(String name, String datatype, List<Long> shape) {

    public static final long VARIABLE = -1;

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /**
     * What differs between this tensor and the one a server declares, each as {@code "<kind> <name>: ..."}.
     * Shapes must have the same rank; a dimension is compatible when the two are equal or either is variable
     * (Triton reports a dynamic batch dimension as -1).
     */
    List<String> differences(String kind, TensorMetadata declared) {
        List<String> differences = new ArrayList<>();
        if (!datatype.equals(declared.getDatatype())) {
            differences.add(kind + " " + name + ": datatype " + declared.getDatatype() + ", expected " + datatype);
        }
        if (!compatible(declared.getShapeList())) {
            differences.add(kind + " " + name + ": shape " + format(declared.getShapeList()) + ", expected "
                    + format(shape));
        }
        return differences;
    }

    private boolean compatible(List<Long> declared) {
        if (declared.size() != shape.size()) {
            return false;
        }
        for (int i = 0; i < shape.size(); i++) {
            long expected = shape.get(i);
            long actual = declared.get(i);
            if (expected != actual && expected != VARIABLE && actual != VARIABLE) {
                return false;
            }
        }
        return true;
    }

    static String format(List<Long> shape) {
        return shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
