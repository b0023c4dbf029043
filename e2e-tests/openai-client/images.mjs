// Generates images through the gateway with the official openai SDK, configured only by base URL and
// API key (the JWT), and prints one JSON line: what the SDK returned, or the error it raised.
// Usage: node images.mjs <base-url> <token> <json-request>
import OpenAI from 'openai';

const [baseURL, apiKey, requestJson] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey });

try {
    const response = await client.images.generate(JSON.parse(requestJson));
    console.log(JSON.stringify({ ok: true, response }));
} catch (error) {
    if (error instanceof OpenAI.APIError) {
        console.log(JSON.stringify({ ok: false, status: error.status, error: error.error ?? null }));
    } else {
        console.log(JSON.stringify({ ok: false, status: null, message: String(error) }));
    }
}
