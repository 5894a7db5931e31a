// What reading a request body costs the gateway per request (issue 7 put a JSON shape scanner
// in front of JSON.parse): readRequestBody on an in-memory request, next to JSON.parse alone.
import { Readable } from 'node:stream';
import { readRequestBody } from '@switchyard/core';
import { measureMicros } from '../lib/measure.mjs';

const typical = Buffer.from(JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: 'Say hello in five words, please.' }],
  max_tokens: 32,
}));
const conversation = Buffer.from(JSON.stringify({
  model: 'gpt-4o-mini',
  messages: Array.from({ length: 200 }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: `Message ${index}: ${'lorem ipsum '.repeat(40)}` })),
}));

function fakeRequest(body) {
  // One chunk, as a small body arrives; 64 KiB chunks for a bigger one, as Node delivers them.
  const chunks = [];
  for (let offset = 0; offset < body.length; offset += 65_536) chunks.push(body.subarray(offset, offset + 65_536));
  return Object.assign(Readable.from(chunks, { objectMode: false }), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
}

export default async function requestBody({ quick }) {
  const iterations = quick ? 2_000 : 20_000;
  const options = { limitBytes: 50_000_000 };
  const results = [];
  for (const [label, body] of [['typical chat body', typical], ['200-message conversation', conversation]]) {
    const read = await measureMicros(() => readRequestBody(fakeRequest(body), options), { iterations, warmup: 1_000 });
    const text = body.toString('utf8');
    const parse = await measureMicros(() => JSON.parse(text), { iterations, warmup: 1_000 });
    results.push(
      { name: `readRequestBody(), ${label} (${body.length} B), p50`, value: read.p50, unit: 'µs/call', detail: `p99 ${read.p99.toFixed(1)} µs; in-memory stream, so stream overhead included` },
      { name: `JSON.parse alone, ${label}, p50`, value: parse.p50, unit: 'µs/call' },
    );
  }
  return results;
}
