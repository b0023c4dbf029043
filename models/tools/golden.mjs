// Runs the ORIGINAL nsfwjs MobileNetV2 (TensorFlow.js, wasm backend) on the synthetic images and writes
// nsfw_mobilenet_v2/golden.json: each image's definition, the SHA-256 of its pixels and the five probabilities.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { load } from "nsfwjs";
import { IMAGES, SIZE, render } from "./images.mjs";
import { classNames } from "./nsfwjs-model.mjs";

await tf.setBackend("wasm");
await tf.ready();
const model = await load("MobileNetV2");
const classes = await classNames();

const images = [];
for (const image of IMAGES) {
    const rgb = render(image);
    const probabilities = tf.tidy(() => model.infer(tf.tensor3d(Int32Array.from(rgb), [SIZE, SIZE, 3], "int32")));
    const values = Array.from(await probabilities.data());
    probabilities.dispose();
    images.push({ ...image, sha256: createHash("sha256").update(rgb).digest("hex"), probabilities: values });
    console.log(image.name.padEnd(14), values.map((v) => v.toFixed(5)).join("  "));
}

const golden = {
    model: "nsfw_mobilenet_v2",
    reference: "npm nsfwjs@4.4.0 MobileNetV2 on @tensorflow/tfjs@4.22.0, backend " + tf.getBackend(),
    classes,
    size: SIZE,
    images,
};
writeFileSync(new URL("../nsfw_mobilenet_v2/golden.json", import.meta.url), JSON.stringify(golden, null, 2) + "\n");
