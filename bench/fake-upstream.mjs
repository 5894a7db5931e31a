// A fake OpenAI upstream for the benchmark: POST /v1/chat/completions answers instantly with a
// fixed chat.completion, or with `"stream": true` an SSE stream written chunk by chunk.
// A model whose name ends in `-slow` gets 20 ms between stream chunks: the harness uses it to
// check that a proxy forwards the first chunk without waiting for the rest.
// Usage: node bench/fake-upstream.mjs --port 18080
import { createServer } from 'node:http';
import { closeOnSignal, isMain, listen, parseFlags } from './lib/server-cli.mjs';

export const FAKE_TEXT = 'Hello from the fake upstream.';
const SLOW_CHUNK_DELAY_MS = 20;
const CREATED = 1_700_000_000;
const usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

const completionBody = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: CREATED,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: FAKE_TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage,
});

function chunk(delta, finishReason = null, extra = {}) {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-mini' };
  const choices = delta === undefined ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }];
  return `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
}

// Serialized once: the upstream should cost as little CPU as possible, it is the floor.
const streamEvents = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hello ' }),
  chunk({ content: 'from the ' }),
  chunk({ content: 'fake upstream.' }),
  chunk({}, 'stop'),
];
const usageEvent = chunk(undefined, null, { usage });
const doneEvent = 'data: [DONE]\n\n';

function sendError(response, status, message) {
  const body = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function writeStream(response, events, delayMs) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of events) {
    if (response.destroyed) return;
    response.write(event);
    // Yield between chunks so each one leaves as its own write, like a real upstream's tokens.
    await new Promise((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : setImmediate(resolve)));
  }
  response.end();
}

export function createFakeUpstream() {
  return createServer((request, response) => {
    const parts = [];
    request.on('data', (part) => parts.push(part));
    request.on('end', () => {
      // An OTLP/HTTP trace export (the ops section's `otel-sdk` variant sends its spans here).
      if (request.method === 'POST' && request.url === '/v1/traces') return response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') return sendError(response, 404, 'not found');
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        return sendError(response, 400, 'invalid JSON');
      }
      if (body?.stream !== true) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completionBody) });
        return response.end(completionBody);
      }
      const events = body.stream_options?.include_usage ? [...streamEvents, usageEvent, doneEvent] : [...streamEvents, doneEvent];
      const slow = typeof body.model === 'string' && body.model.endsWith('-slow');
      void writeStream(response, events, slow ? SLOW_CHUNK_DELAY_MS : 0);
    });
  });
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const server = createFakeUpstream();
  server.keepAliveTimeout = 65_000;
  await listen(server, flags.port ?? 18080, flags.host);
  closeOnSignal(server);
}
