// Issue 8: start-up with a 200-deployment config (20 of them wildcards, served through the
// OpenAI plugin and its table of OpenAI-compatible prefixes), and what resolving a model name
// costs with 200 deployments and 20 wildcard patterns. Budgets: exact names O(1) (one Map
// lookup, flat as deployments grow); a wildcard match ≤ 5 µs.
import { execFileSync } from 'node:child_process';
import { createGateway, silentLogger } from '@switchyard/core';
import { openai } from '@switchyard/provider-openai';
import { measureMicros } from '../lib/measure.mjs';
import { median } from '../lib/stats.mjs';

const PREFIXES = ['groq', 'mistral', 'deepseek', 'together_ai', 'fireworks_ai', 'xai', 'cerebras', 'deepinfra', 'openrouter', 'moonshot'];

/** `exact` named deployments plus 20 wildcards: 10 `<prefix>/*`, 9 `family-*`, one `*`. */
function benchConfig(exact) {
  const params = (model) => ({ model, api_base: 'http://127.0.0.1:9/v1', api_key: 'sk-bench' });
  const models = [];
  for (let index = 0; index < exact; index++) models.push({ model_name: `model-${index}`, litellm_params: params(`${PREFIXES[index % 10]}/model-${index}`) });
  for (const prefix of PREFIXES) models.push({ model_name: `${prefix}/*`, litellm_params: params(`${prefix}/*`) });
  for (let index = 0; index < 9; index++) models.push({ model_name: `family${index}-*`, litellm_params: params(`hosted_vllm/family${index}-*`) });
  models.push({ model_name: '*', litellm_params: params('openai/*') });
  return { model_list: models };
}

const CHILD = `
  const start = performance.now();
  const { createGateway, silentLogger } = await import(process.env.CORE_URL);
  const { openai } = await import(process.env.OPENAI_URL);
  const imported = performance.now();
  const gateway = createGateway({ config: JSON.parse(process.env.CONFIG), logger: silentLogger, providers: [openai({ env: {} })] });
  const built = performance.now();
  await gateway.close();
  // Again in the same process: what the 200 deployments cost beyond the one-off schema and capability compiles.
  const again = performance.now();
  await createGateway({ config: JSON.parse(process.env.CONFIG), logger: silentLogger, providers: [openai({ env: {} })] }).close();
  console.log(JSON.stringify({ importMs: imported - start, firstMs: built - imported, secondMs: performance.now() - again }));
`;

export default async function wildcardResolve({ quick }) {
  const config = benchConfig(180);
  const env = { ...process.env, CORE_URL: import.meta.resolve('@switchyard/core'), OPENAI_URL: import.meta.resolve('@switchyard/provider-openai'), CONFIG: JSON.stringify(config) };
  const runs = Array.from({ length: quick ? 3 : 7 }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], { env, encoding: 'utf8' })));

  const options = { iterations: quick ? 20_000 : 200_000, warmup: 5_000, batch: 100 };
  const gateway = createGateway({ config, logger: silentLogger, providers: [openai({ env: {} })] });
  const snapshot = gateway.snapshot();
  const small = createGateway({ config: benchConfig(10), logger: silentLogger, providers: [openai({ env: {} })] }).snapshot();

  const exactNames = Array.from({ length: 180 }, (_, index) => `model-${index}`);
  let turn = 0;
  const exact = await measureMicros(() => snapshot.lookup(exactNames[turn++ % 180]), options);
  const exactSmall = await measureMicros(() => small.lookup(exactNames[turn++ % 10]), options);

  // Names the wildcards serve: after the first request each is one cache hit.
  const wildNames = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? `groq/llama-${index}` : `family${index % 9}-${index}`));
  const compileStart = performance.now();
  for (const name of wildNames) snapshot.lookup(name);
  const compileMs = (performance.now() - compileStart) / wildNames.length;
  const wildcard = await measureMicros(() => snapshot.lookup(wildNames[turn++ % 100]), options);

  // The pattern scan itself: names only the last, least specific pattern (`*`) matches go past all 20.
  const scanNames = Array.from({ length: 1000 }, (_, index) => `unlisted-model-${index}`);
  const scan = await measureMicros(() => snapshot.wildcards.skippedReason(scanNames[turn++ % 1000]), options);
  await gateway.close();

  return [
    {
      name: 'first createGateway(), 200 deployments (20 wildcards)',
      value: median(runs.map((run) => run.firstMs)),
      unit: 'ms',
      detail: `median of ${runs.length} fresh processes, OpenAI plugin and its provider table included (import ${median(runs.map((run) => run.importMs)).toFixed(0)} ms more)`,
    },
    { name: 'second createGateway(), same 200 deployments, same process', value: median(runs.map((run) => run.secondMs)), unit: 'ms', detail: 'the deployments themselves: one-off compiles already done' },
    { name: 'resolve an exact name, 200 deployments', value: exact.p50, unit: 'µs/call', detail: `p99 ${exact.p99.toFixed(3)} µs; with 30 deployments: ${exactSmall.p50.toFixed(3)} µs (O(1))` },
    { name: 'resolve a wildcard name, 20 patterns (compiled)', value: wildcard.p50, unit: 'µs/call', detail: `p99 ${wildcard.p99.toFixed(3)} µs; budget ≤ 5 µs` },
    { name: 'match a name against all 20 patterns', value: scan.p50, unit: 'µs/call', detail: `p99 ${scan.p99.toFixed(3)} µs; the uncached path before a concrete model is compiled; budget ≤ 5 µs` },
    { name: 'first request for a new concrete model (compile, once per snapshot)', value: compileMs, unit: 'ms', detail: 'validators for 3 endpoints + pricing, then cached' },
  ];
}
