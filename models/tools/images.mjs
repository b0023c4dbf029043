// Synthetic 224x224 RGB test images, each a pure function of its definition in integer arithmetic, so the Java
// tests rebuild them byte for byte (triton-emulator's GoldenImages) from golden.json alone.
export const SIZE = 224;

export const IMAGES = [
    { name: "gradient", kind: "gradient" },
    { name: "checkerboard", kind: "checkerboard", cell: 28, a: [250, 250, 250], b: [20, 20, 20] },
    { name: "noise-7", kind: "noise", seed: 7 },
    { name: "noise-2024", kind: "noise", seed: 2024 },
    { name: "skin-tone", kind: "flat", rgb: [224, 172, 140] },
    { name: "blobs-1", kind: "blobs", seed: 1, count: 6 },
    { name: "blobs-42", kind: "blobs", seed: 42, count: 12 },
    { name: "stripes", kind: "stripes", width: 16, colors: [[200, 40, 40], [40, 200, 40], [40, 40, 200]] },
];

/** A 32-bit linear congruential generator (Numerical Recipes constants); next() gives its top byte. */
function lcg(seed) {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state >>> 24;
    };
}

/** The image's pixels, row-major RGB, 224 * 224 * 3 bytes. */
export function render(image) {
    const rgb = new Uint8Array(SIZE * SIZE * 3);
    const put = (x, y, [r, g, b]) => {
        const i = (y * SIZE + x) * 3;
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
    };
    switch (image.kind) {
        case "gradient":
            for (let y = 0; y < SIZE; y++) {
                for (let x = 0; x < SIZE; x++) {
                    put(x, y, [Math.floor(x * 255 / 223), Math.floor(y * 255 / 223),
                        Math.floor((223 - x + y) * 255 / 446)]);
                }
            }
            break;
        case "checkerboard":
            for (let y = 0; y < SIZE; y++) {
                for (let x = 0; x < SIZE; x++) {
                    put(x, y, (Math.floor(x / image.cell) + Math.floor(y / image.cell)) % 2 === 0 ? image.a : image.b);
                }
            }
            break;
        case "noise": {
            const next = lcg(image.seed);
            for (let i = 0; i < rgb.length; i++) {
                rgb[i] = next();
            }
            break;
        }
        case "flat":
            for (let i = 0; i < SIZE * SIZE; i++) {
                rgb.set(image.rgb, i * 3);
            }
            break;
        case "blobs": {
            // A background and discs of random colours, later discs on top: the emulator's images look like this.
            const next = lcg(image.seed);
            const background = [next(), next(), next()];
            const discs = [];
            for (let k = 0; k < image.count; k++) {
                discs.push({ x: (next() * SIZE) >>> 8, y: (next() * SIZE) >>> 8, r: 12 + (next() % 60),
                    rgb: [next(), next(), next()] });
            }
            for (let y = 0; y < SIZE; y++) {
                for (let x = 0; x < SIZE; x++) {
                    let colour = background;
                    for (const d of discs) {
                        if ((x - d.x) * (x - d.x) + (y - d.y) * (y - d.y) <= d.r * d.r) {
                            colour = d.rgb;
                        }
                    }
                    put(x, y, colour);
                }
            }
            break;
        }
        case "stripes":
            for (let y = 0; y < SIZE; y++) {
                for (let x = 0; x < SIZE; x++) {
                    put(x, y, image.colors[Math.floor(x / image.width) % image.colors.length]);
                }
            }
            break;
        default:
            throw new Error(`unknown image kind ${image.kind}`);
    }
    return rgb;
}
