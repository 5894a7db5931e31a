// Requests per second through gateway.handle() (in process, mock_response deployment, 32
// concurrent callers, each yielding to the event loop between requests) alone and while a loop reloads the capabilities back to back, with the
// full LiteLLM map as a source and the deployment's price flipping between two values at each
// reload. Every request must succeed (failures are counted) and be priced by one snapshot or
// the other, never a mixture of both.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, silentLogger } from '@switchyard/core';
import { percentile } from '../lib/stats.mjs';

const MAP_PATH = fileURLToPath(new URL('../data/model_prices_and_context_window.json', import.meta.url));
const CONCURRENCY = 32;
const signal = new AbortController().signal;
const request = {
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: { model: 'demo', messages: [{ role: 'user', content: 'Say hello in five words, please.' }] },
  signal,
};
const prices = [{ input: 1e-6, output: 4e-6 }, { input: 2e-6, output: 5e-6 }];
const writePrice = (path, price) => writeFileSync(path, JSON.stringify({ models: { demo: { provider: 'openai', mode: 'chat', pricing: price } } }));

async function drive(gateway, durationMs, allowed) {
  const deadline = performance.now() + durationMs;
  let done = 0;
  let failed = 0;
  let mixed = 0;
  const latencies = [];
  const worker = async () => {
    while (performance.now() < deadline) {
      const arrived = performance.now();
      // A request arrives as an I/O event: yield to the event loop (and to the reload's file
      // reads) between requests, as a server does, rather than spin on resolved promises.
      await new Promise((resolve) => setImmediate(resolve));
      const response = await gateway.handle(request);
      latencies.push(performance.now() - arrived);
      done++;
      if (response.status !== 200) failed++;
      else if (!allowed.has(response.headers['x-switchyard-response-cost'])) mixed++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const latency = `latency p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${percentile(latencies, 1).toFixed(1)} ms`;
  return { perSecond: done / ((performance.now() - start) / 1000), done, failed, mixed, latency };
}

export default async function reloadUnderLoad({ quick }) {
  const durationMs = quick ? 1_000 : 5_000;
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-')), 'demo.json');
  writePrice(file, prices[0]);
  const config = {
    model_list: [{ model_name: 'demo', litellm_params: { model: 'openai/demo', mock_response: 'hi' } }],
    capabilities: { sources: ['builtin', { path: MAP_PATH, format: 'litellm' }, file] },
  };
  const gateway = createGateway({ config, logger: silentLogger });
  // The mock provider's usage for this body, priced at either rate: the only two acceptable costs.
  const probe = await gateway.handle(request);
  const { prompt_tokens: input, completion_tokens: output } = probe.body.usage;
  const allowed = new Set(prices.map((price) => costOf(input, output, price)));
  if (!allowed.has(probe.headers['x-switchyard-response-cost'])) throw new Error(`unexpected cost ${probe.headers['x-switchyard-response-cost']}`);

  const baseline = await drive(gateway, durationMs, allowed);
  let reloads = 0;
  let reloadFailures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      writePrice(file, prices[(reloads + 1) % 2]);
      await gateway.reload().then(() => reloads++, () => reloadFailures++);
    }
  })();
  const during = await drive(gateway, durationMs, allowed);
  running = false;
  await loop;
  await gateway.close();

  return [
    { name: 'gateway.handle() req/s, no reload', value: baseline.perSecond, unit: 'req/s', detail: `${CONCURRENCY} concurrent, ${baseline.done} requests, ${baseline.failed} failed; ${baseline.latency}` },
    {
      name: 'gateway.handle() req/s during a reload loop',
      value: during.perSecond,
      unit: 'req/s',
      detail: `${during.done} requests, ${during.failed} failed, ${during.mixed} mispriced; ${reloads} full-map reloads back to back (${reloadFailures} failed), each holding the event loop for its parse/convert/validate; ${during.latency}`,
    },
    { name: 'failed requests during the reload loop', value: during.failed + during.mixed, unit: 'requests', detail: 'must be 0' },
  ];
}

/** Exact decimal USD for integer tokens × two rates given as JSON numbers (no float drift). */
function costOf(inputTokens, outputTokens, price) {
  const atto = (rate) => BigInt(Math.round(rate * 1e18));
  const total = BigInt(inputTokens) * atto(price.input) + BigInt(outputTokens) * atto(price.output);
  const digits = total.toString().padStart(19, '0');
  return `${digits.slice(0, -18)}.${digits.slice(-18)}`.replace(/\.?0+$/, '');
}
