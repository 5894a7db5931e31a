// Issue 13's CPU target: a request with a virtual key (cache hit; a budget, an rpm limit and a
// tpm limit reserved and settled; its spend row through the outbox into SQLite) against the
// same request with the master key. In process, through an in-process fake provider; CPU time of
// the whole process (timers, outbox writes and SQLite inserts included), per request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, silentLogger } from '@switchyard/core';
import { sqliteStorePlugin } from '@switchyard/store-sqlite';

const usage = { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
const completion = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'demo', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, five words' }, finish_reason: 'stop' }], usage });
const fake = {
  name: 'fake',
  create: () => ({ endpoints: new Set(['chat.completions']), send: async () => ({ kind: 'json', status: 200, headers: {}, body: JSON.parse(completion) }) }),
};
const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];
const signal = new AbortController().signal;

function request(key) {
  const body = { model: 'demo', messages, max_tokens: 50 };
  return { method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': '120' }, body, signal };
}

/** CPU µs per request over `count` sequential requests, the outbox drained into the store at the end. */
async function cpuPerRequest(gateway, key, count) {
  const start = process.cpuUsage();
  const wall = process.hrtime.bigint();
  for (let index = 0; index < count; index++) {
    const response = await gateway.handle(request(key));
    if (response.status !== 200) throw new Error(`handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  await new Promise((resolve) => setImmediate(resolve));
  await gateway.flushSpend();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / count, wall: Number(process.hrtime.bigint() - wall) / 1000 / count };
}

export default async function virtualKeys({ quick }) {
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-bench-keys-'));
  const config = {
    model_list: [{ model_name: 'demo', litellm_params: { model: 'fake/demo' }, model_info: { input_cost_per_token: 5e-6, output_cost_per_token: 3e-5 } }],
    general_settings: { master_key: 'sk-bench-master', database_url: `sqlite://${join(folder, 'bench.db')}` },
  };
  const gateway = createGateway({ config, providers: [fake], stores: [sqliteStorePlugin], logger: silentLogger });
  try {
    const generated = await gateway.handle({ method: 'POST', path: '/key/generate', headers: { authorization: 'Bearer sk-bench-master' }, body: { max_budget: 1_000_000, rpm_limit: 10_000_000, tpm_limit: 1_000_000_000 }, signal });
    if (generated.status !== 200) throw new Error(`/key/generate answered ${generated.status}: ${JSON.stringify(generated.body)}`);
    const virtualKey = generated.body.key;
    const count = quick ? 3000 : 20_000;
    // Warm both paths (JIT, the key cache, the store's statements), then interleave rounds.
    await cpuPerRequest(gateway, 'sk-bench-master', 2000);
    await cpuPerRequest(gateway, virtualKey, 2000);
    const best = { master: { cpu: Infinity, wall: Infinity }, key: { cpu: Infinity, wall: Infinity } };
    for (let round = 0; round < (quick ? 2 : 4); round++) {
      for (const [name, key] of [['master', 'sk-bench-master'], ['key', virtualKey]]) {
        const measured = await cpuPerRequest(gateway, key, count);
        best[name] = { cpu: Math.min(best[name].cpu, measured.cpu), wall: Math.min(best[name].wall, measured.wall) };
      }
    }
    const ratio = best.key.cpu / best.master.cpu;
    return [
      { name: 'master key: CPU per request', value: best.master.cpu, unit: 'µs/req', detail: `wall ${best.master.wall.toFixed(1)} µs/req; spend rows to SQLite too` },
      { name: 'virtual key (cache hit, budget + rpm + tpm, spend to SQLite): CPU per request', value: best.key.cpu, unit: 'µs/req', detail: `wall ${best.key.wall.toFixed(1)} µs/req` },
      { name: 'virtual key ÷ master key CPU (target ≤ 1.15)', value: ratio, unit: '×', detail: ratio <= 1.15 ? 'met' : 'MISSED' },
    ];
  } finally {
    await gateway.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
