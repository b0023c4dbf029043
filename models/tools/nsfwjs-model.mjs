// Reads nsfwjs's bundled MobileNetV2 straight from the npm package: the Keras layers topology and every
// weight as stored (8-bit affine quantised: value = q * scale + min, as tfjs-core's decodeWeight computes it).
import { Buffer } from "node:buffer";

const PACKAGE_DIR = new URL("./node_modules/nsfwjs/", import.meta.url);
const MODEL_DIR = new URL("dist/models/mobilenet_v2/", PACKAGE_DIR);

/** Bytes per stored value, by tfjs dtype or quantisation dtype. */
const STORED_BYTES = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 };

export const PACKAGE_LICENSE = new URL("LICENSE", PACKAGE_DIR);

/** The class names in output order, from the package itself. */
export async function classNames() {
    const { NSFW_CLASSES } = await import(new URL("dist/esm/nsfw_classes.js", PACKAGE_DIR));
    return Object.keys(NSFW_CLASSES).map(Number).sort((a, b) => a - b).map((i) => NSFW_CLASSES[i]);
}

/**
 * The model as the package ships it: {@code layers} in topological order, the input and output layers,
 * and {@code weights}: name -> { shape, stored: typed array, quantization or null }.
 */
export async function readModel() {
    // The bundles are UMD modules; imported by path they export the model JSON and the base64 shard.
    const json = (await import(new URL("model.min.js", MODEL_DIR))).default;
    const shard = (await import(new URL("group1-shard1of1.min.js", MODEL_DIR))).default;
    if (json.weightsManifest.length !== 1 || json.weightsManifest[0].paths.length !== 1) {
        throw new Error("expected one weight group in one shard");
    }
    const bytes = Buffer.from(shard, "base64");
    const weights = new Map();
    let offset = 0;
    for (const spec of json.weightsManifest[0].weights) {
        const count = spec.shape.reduce((a, b) => a * b, 1);
        const storedAs = spec.quantization ? spec.quantization.dtype : spec.dtype;
        if (spec.dtype !== "float32" || !["float32", "uint8", "uint16"].includes(storedAs)) {
            throw new Error(`weight ${spec.name}: ${spec.dtype} stored as ${storedAs} is not supported`);
        }
        const length = count * STORED_BYTES[storedAs];
        // A copy, so the typed array starts at an aligned offset of its own buffer.
        const slice = new Uint8Array(bytes.subarray(offset, offset + length)).buffer;
        const stored = storedAs === "uint8" ? new Uint8Array(slice)
            : storedAs === "uint16" ? new Uint16Array(slice) : new Float32Array(slice);
        weights.set(spec.name, { shape: spec.shape, stored, quantization: spec.quantization ?? null });
        offset += length;
    }
    if (offset !== bytes.length) {
        throw new Error(`weight manifest covers ${offset} bytes, the shard has ${bytes.length}`);
    }
    const config = json.modelTopology.model_config;
    if (config.class_name !== "Model" && config.class_name !== "Functional") {
        throw new Error(`expected a functional Keras model, got ${config.class_name}`);
    }
    return {
        kerasVersion: json.modelTopology.keras_version,
        layers: config.config.layers,
        inputLayers: config.config.input_layers,
        outputLayers: config.config.output_layers,
        weights,
    };
}
