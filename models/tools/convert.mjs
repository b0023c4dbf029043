// Converts nsfwjs 4.4.0's MobileNetV2 (a Keras layers model for TensorFlow.js) into the ONNX model Triton serves
// as nsfw_mobilenet_v2: input `image` UINT8 [1,224,224,3] (NHWC RGB 0..255), output `probabilities` FP32 [1,5].
// The network reads the layers JSON as shipped; weights stay 8-bit as shipped and are dequantised by constant
// subgraphs (Cast, Mul, Add) that ONNX Runtime folds when it loads the model.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { DataType, OnnxGraph, onnx, valueInfo } from "./onnx-graph.mjs";
import { PACKAGE_LICENSE, classNames, readModel } from "./nsfwjs-model.mjs";

const MODEL_NAME = "nsfw_mobilenet_v2";
const OPSET = 13;
const IR_VERSION = 7;
const OUT_DIR = new URL(`../${MODEL_NAME}/`, import.meta.url);

const model = await readModel();
const classes = await classNames();
const g = new OnnxGraph();
const usedWeights = new Set();
const tensors = new Map();

for (const layer of model.layers) {
    tensors.set(layer.name, convertLayer(layer));
}
if (usedWeights.size !== model.weights.size) {
    const unused = [...model.weights.keys()].filter((w) => !usedWeights.has(w));
    throw new Error(`weights not used by any layer: ${unused.join(", ")}`);
}
if (model.inputLayers.length !== 1 || model.outputLayers.length !== 1) {
    throw new Error("expected one input and one output layer");
}
const last = tensors.get(model.outputLayers[0][0]);
const outputLayer = model.layers.find((l) => l.name === model.outputLayers[0][0]);
if (outputLayer.config.activation !== "softmax" || last.shape.length !== 2 || last.shape[1] !== classes.length) {
    throw new Error("expected the output layer to be a softmax over the classes");
}
g.renameOutput(last.name, "probabilities");

const onnxModel = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: "", version: OPSET })],
    producerName: "heavyweight models/tools/convert.mjs",
    producerVersion: "1",
    modelVersion: 1,
    docString: "nsfwjs 4.4.0 MobileNetV2 (MIT, Infinite Red), converted from its TensorFlow.js layers model. "
        + "Input: RGB 0..255 NHWC; output: softmax over " + classes.join(", ") + ".",
    metadataProps: [
        onnx.StringStringEntryProto.create({ key: "classes", value: classes.join(",") }),
        onnx.StringStringEntryProto.create({ key: "source", value: "npm nsfwjs@4.4.0 dist/models/mobilenet_v2" }),
    ],
    graph: onnx.GraphProto.create({
        name: MODEL_NAME,
        node: g.nodes,
        initializer: g.initializers,
        input: [valueInfo("image", DataType.UINT8, [1, 224, 224, 3])],
        output: [valueInfo("probabilities", DataType.FLOAT, [1, classes.length])],
    }),
});
const bytes = onnx.ModelProto.encode(onnxModel).finish();

mkdirSync(new URL("1/", OUT_DIR), { recursive: true });
writeFileSync(new URL("1/model.onnx", OUT_DIR), bytes);
writeFileSync(new URL("SHA256SUMS", OUT_DIR),
    `${createHash("sha256").update(bytes).digest("hex")}  1/model.onnx\n`);
writeFileSync(new URL("labels.txt", OUT_DIR), classes.map((c) => c + "\n").join(""));
copyFileSync(PACKAGE_LICENSE, new URL("LICENSE", OUT_DIR));
const ops = {};
g.nodes.forEach((n) => { ops[n.opType] = (ops[n.opType] ?? 0) + 1; });
console.log(`wrote ${MODEL_NAME}/1/model.onnx: ${bytes.length} bytes, ${g.nodes.length} nodes`, ops);

/** The ONNX tensor a Keras layer produces: { name, shape (Keras, NHWC or [N,F]), pad (pending zero padding) }. */
function convertLayer(layer) {
    const c = layer.config;
    const inputs = inboundOf(layer);
    const x = inputs[0];
    switch (layer.class_name) {
        case "InputLayer": {
            const [, h, w, ch] = c.batch_input_shape;
            const float = g.node("Cast", ["image"], "image_float", { to: DataType.FLOAT });
            const scale = g.constant("pixel_scale", DataType.FLOAT, [], new Float32Array([255]));
            const unit = g.node("Div", [float, scale], "image_unit");
            return { name: g.node("Transpose", [unit], "image_nchw", { perm: [0, 3, 1, 2] }), shape: [1, h, w, ch] };
        }
        case "ZeroPadding2D": {
            const [[top, bottom], [left, right]] = pairs(c.padding);
            const base = x.pad ? x.pad.source : x;
            const pad = x.pad ?? { top: 0, bottom: 0, left: 0, right: 0 };
            return {
                shape: [x.shape[0], x.shape[1] + top + bottom, x.shape[2] + left + right, x.shape[3]],
                pad: { source: base, top: pad.top + top, bottom: pad.bottom + bottom, left: pad.left + left,
                    right: pad.right + right },
            };
        }
        case "Conv2D":
            return convolution(layer, x, weight(`${layer.name}/kernel`, [3, 2, 0, 1]), c.filters, 1);
        case "DepthwiseConv2D": {
            // [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw]: output channel in * multiplier + m, as in TF.
            const [kh, kw, channels, multiplier] = model.weights.get(`${layer.name}/depthwise_kernel`).shape;
            const kernel = weight(`${layer.name}/depthwise_kernel`, [2, 3, 0, 1], [channels * multiplier, 1, kh, kw]);
            return convolution(layer, x, kernel, channels * multiplier, channels);
        }
        case "BatchNormalization": {
            const channelAxis = x.shape.length - 1;
            if (c.axis !== -1 && c.axis !== channelAxis) {
                throw new Error(`${layer.name}: batch normalisation over axis ${c.axis} is not supported`);
            }
            const channels = x.shape[channelAxis];
            const gamma = c.scale ? weight(`${layer.name}/gamma`) : filled(`${layer.name}_gamma`, channels, 1);
            const beta = c.center ? weight(`${layer.name}/beta`) : filled(`${layer.name}_beta`, channels, 0);
            const name = g.node("BatchNormalization", [materialised(x), gamma, beta,
                weight(`${layer.name}/moving_mean`), weight(`${layer.name}/moving_variance`)], layer.name,
            { epsilon: { float: c.epsilon } });
            return { name, shape: x.shape };
        }
        case "ReLU": {
            if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) {
                throw new Error(`${layer.name}: leaky or thresholded ReLU is not supported`);
            }
            return { name: relu(materialised(x), c.max_value ?? null, layer.name), shape: x.shape };
        }
        case "Activation":
            return { name: activation(c.activation, materialised(x), x.shape, layer.name), shape: x.shape };
        case "Add": {
            let sum = materialised(inputs[0]);
            for (const other of inputs.slice(1)) {
                sum = g.node("Add", [sum, materialised(other)], layer.name);
            }
            return { name: sum, shape: x.shape };
        }
        case "AveragePooling2D":
        case "MaxPooling2D": {
            const [kh, kw] = c.pool_size;
            const [sh, sw] = c.strides ?? c.pool_size;
            const p = pads(x, [kh, kw], [sh, sw], [1, 1], c.padding);
            const op = layer.class_name === "AveragePooling2D" ? "AveragePool" : "MaxPool";
            // TF's average pooling with "same" padding averages over the real pixels only: count_include_pad 0.
            const name = g.node(op, [p.input], layer.name, { kernel_shape: [kh, kw], strides: [sh, sw], pads: p.pads });
            return { name, shape: [x.shape[0], p.height, p.width, x.shape[3]] };
        }
        case "GlobalAveragePooling2D": {
            if (c.keepdims) {
                throw new Error(`${layer.name}: keepdims is not supported`);
            }
            const pooled = g.node("GlobalAveragePool", [materialised(x)], `${layer.name}_pool`);
            return { name: g.node("Flatten", [pooled], layer.name, { axis: 1 }), shape: [x.shape[0], x.shape[3]] };
        }
        case "Flatten": {
            const [n, h, w, ch] = x.shape;
            let input = materialised(x);
            if (h * w > 1) {
                // Keras flattens channels-last, so the values go back to NHWC order first.
                input = g.node("Transpose", [input], `${layer.name}_nhwc`, { perm: [0, 2, 3, 1] });
            }
            return { name: g.node("Flatten", [input], layer.name, { axis: 1 }), shape: [n, h * w * ch] };
        }
        case "Dense": {
            if (x.shape.length !== 2) {
                throw new Error(`${layer.name}: Dense on a ${x.shape.length}-d input is not supported`);
            }
            const inputs = [materialised(x), weight(`${layer.name}/kernel`)];
            if (c.use_bias) {
                inputs.push(weight(`${layer.name}/bias`));
            }
            const linear = g.node("Gemm", inputs, `${layer.name}_linear`);
            const shape = [x.shape[0], c.units];
            return { name: activation(c.activation, linear, shape, layer.name), shape };
        }
        case "Dropout":
            return x;
        case "Softmax":
            return { name: activation("softmax", materialised(x), x.shape, layer.name), shape: x.shape };
        default:
            throw new Error(`layer ${layer.name}: ${layer.class_name} is not supported`);
    }
}

function inboundOf(layer) {
    if (layer.inbound_nodes.length > 1) {
        throw new Error(`layer ${layer.name} is shared; not supported`);
    }
    return (layer.inbound_nodes[0] ?? []).map(([name]) => tensors.get(name));
}

function convolution(layer, x, kernel, filters, group) {
    const c = layer.config;
    const kernelSize = c.kernel_size;
    const p = pads(x, kernelSize, c.strides, c.dilation_rate, c.padding);
    const inputs = [p.input, kernel];
    if (c.use_bias) {
        inputs.push(weight(`${layer.name}/bias`));
    }
    const conv = g.node("Conv", inputs, `${layer.name}_conv`, {
        kernel_shape: kernelSize, strides: c.strides, dilations: c.dilation_rate, pads: p.pads, group,
    });
    const shape = [x.shape[0], p.height, p.width, filters];
    return { name: activation(c.activation, conv, shape, layer.name), shape };
}

/**
 * ONNX pads [top, left, bottom, right] for a window over {@code x}: a pending ZeroPadding2D plus TF's "same"
 * padding, which pads the bottom and right more when the total is odd.
 */
function pads(x, kernel, strides, dilations, padding) {
    const zero = x.pad ?? { top: 0, bottom: 0, left: 0, right: 0 };
    const dims = [[x.shape[1], zero.top, zero.bottom], [x.shape[2], zero.left, zero.right]].map(([size, begin, end], i) => {
        const extent = (kernel[i] - 1) * dilations[i] + 1;
        let total = 0;
        if (padding === "same") {
            const out = Math.ceil(size / strides[i]);
            total = Math.max((out - 1) * strides[i] + extent - size, 0);
        } else if (padding !== "valid") {
            throw new Error(`padding ${padding} is not supported`);
        }
        const sameBegin = Math.floor(total / 2);
        return { begin: begin + sameBegin, end: end + total - sameBegin,
            out: Math.floor((size + total - extent) / strides[i]) + 1 };
    });
    return {
        input: x.pad ? x.pad.source.name : x.name,
        pads: [dims[0].begin, dims[1].begin, dims[0].end, dims[1].end],
        height: dims[0].out,
        width: dims[1].out,
    };
}

/** The tensor's ONNX name, applying a pending zero padding for consumers that cannot absorb it. */
function materialised(x) {
    if (!x.pad) {
        return x.name;
    }
    if (!x.name) {
        const { top, bottom, left, right, source } = x.pad;
        const padsTensor = g.constant("zero_pad", DataType.INT64, [8],
            new BigInt64Array([0, 0, top, left, 0, 0, bottom, right].map(BigInt)));
        x.name = g.node("Pad", [source.name, padsTensor], "zero_padded");
    }
    return x.name;
}

function activation(kind, input, shape, base) {
    switch (kind) {
        case "linear":
            return input;
        case "relu":
            return relu(input, null, base);
        case "relu6":
            return relu(input, 6, base);
        case "sigmoid":
            return g.node("Sigmoid", [input], base);
        case "softmax":
            if (shape.length !== 2) {
                throw new Error(`${base}: softmax over a ${shape.length}-d tensor is not supported`);
            }
            return g.node("Softmax", [input], base, { axis: -1 });
        default:
            throw new Error(`${base}: activation ${kind} is not supported`);
    }
}

function relu(input, maxValue, base) {
    if (maxValue === null) {
        return g.node("Relu", [input], base);
    }
    const low = g.constant(`${base}_min`, DataType.FLOAT, [], new Float32Array([0]));
    const high = g.constant(`${base}_max`, DataType.FLOAT, [], new Float32Array([maxValue]));
    return g.node("Clip", [input, low, high], base);
}

/**
 * A weight as an ONNX tensor, its axes permuted ({@code perm}) and reshaped ({@code dims}) first. Quantisation
 * is per tensor, so permuting the stored values before dequantising them is exact.
 */
function weight(name, perm = null, dims = null) {
    const w = model.weights.get(name);
    if (!w) {
        throw new Error(`weight ${name} is missing`);
    }
    usedWeights.add(name);
    let stored = w.stored;
    let shape = w.shape;
    if (perm) {
        stored = transpose(stored, shape, perm);
        shape = perm.map((axis) => shape[axis]);
    }
    if (dims) {
        shape = dims;
    }
    const base = name.replace(/[^A-Za-z0-9_]/g, "_");
    if (!w.quantization) {
        return g.constant(base, DataType.FLOAT, shape, stored);
    }
    const q = w.quantization;
    const quantised = g.constant(`${base}_quantized`, q.dtype === "uint8" ? DataType.UINT8 : DataType.UINT16, shape,
        stored);
    const scale = g.constant(`${base}_scale`, DataType.FLOAT, [], new Float32Array([q.scale]));
    const min = g.constant(`${base}_min`, DataType.FLOAT, [], new Float32Array([q.min]));
    const float = g.node("Cast", [quantised], `${base}_float`, { to: DataType.FLOAT });
    return g.node("Add", [g.node("Mul", [float, scale], `${base}_scaled`), min], base);
}

function filled(base, count, value) {
    return g.constant(base, DataType.FLOAT, [count], new Float32Array(count).fill(value));
}

function transpose(data, shape, perm) {
    const outShape = perm.map((axis) => shape[axis]);
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    const out = new data.constructor(data.length);
    const index = new Array(shape.length).fill(0);
    for (let o = 0; o < data.length; o++) {
        let source = 0;
        for (let k = 0; k < index.length; k++) {
            source += index[k] * strides[perm[k]];
        }
        out[o] = data[source];
        for (let k = index.length - 1; k >= 0; k--) {
            if (++index[k] < outShape[k]) {
                break;
            }
            index[k] = 0;
        }
    }
    return out;
}

/** Keras writes padding as n, [a, b] or [[top, bottom], [left, right]]. */
function pairs(padding) {
    const dim = (p) => (Array.isArray(p) ? p : [p, p]);
    return Number.isInteger(padding) ? [dim(padding), dim(padding)] : padding.map(dim);
}
