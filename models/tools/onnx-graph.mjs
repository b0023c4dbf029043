// A small builder of ONNX graphs on top of onnx-proto's protobuf classes.
import { Buffer } from "node:buffer";
import onnxProto from "onnx-proto";

export const { onnx } = onnxProto;
export const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

export class OnnxGraph {
    nodes = [];
    initializers = [];
    #names = new Set();

    /** A tensor name not used before, derived from {@code base}. */
    unique(base) {
        let name = base;
        for (let i = 1; this.#names.has(name); i++) {
            name = `${base}_${i}`;
        }
        this.#names.add(name);
        return name;
    }

    /** Adds a node with one output and returns the output's name. */
    node(opType, inputs, outputBase, attributes = {}) {
        const output = this.unique(outputBase);
        this.nodes.push(onnx.NodeProto.create({
            opType,
            name: output,
            input: inputs,
            output: [output],
            attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
        }));
        return output;
    }

    /** Adds a constant tensor (raw little-endian data) and returns its name. */
    constant(base, dataType, dims, values) {
        const name = this.unique(base);
        this.initializers.push(onnx.TensorProto.create({
            name,
            dataType,
            dims,
            rawData: Buffer.from(values.buffer, values.byteOffset, values.byteLength),
        }));
        return name;
    }

    /** Renames the output of the node that produces {@code from}. */
    renameOutput(from, to) {
        const producer = this.nodes.find((n) => n.output.includes(from));
        producer.output = producer.output.map((o) => (o === from ? to : o));
        this.#names.add(to);
        return to;
    }
}

/** A ValueInfoProto for a tensor of fixed shape. */
export function valueInfo(name, elemType, dims) {
    return onnx.ValueInfoProto.create({
        name,
        type: onnx.TypeProto.create({
            tensorType: onnx.TypeProto.Tensor.create({
                elemType,
                shape: onnx.TensorShapeProto.create({
                    dim: dims.map((d) => onnx.TensorShapeProto.Dimension.create({ dimValue: d })),
                }),
            }),
        }),
    });
}

function attribute(name, value) {
    if (Array.isArray(value)) {
        return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: value });
    }
    if (typeof value === "object" && "float" in value) {
        return onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: value.float });
    }
    if (Number.isInteger(value)) {
        return onnx.AttributeProto.create({ name, type: AttributeType.INT, i: value });
    }
    throw new Error(`attribute ${name}: unsupported value ${value}`);
}
