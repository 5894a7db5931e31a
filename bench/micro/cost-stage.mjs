// What the cost stage adds to a request: gateway.handle() with the default cost stage (and a
// no-op onCost listener) against the same gateway with the cost stage replaced by a
// pass-through, through an in-process fake provider whose stream chunks come from JSON.parse as
// an upstream's would. Plus priceUsage() alone.
import { createGateway, extractUsage, priceUsage, silentLogger, SSE_DONE } from '@switchyard/core';
import { measureMicros } from '../lib/measure.mjs';

const config = {
  model_list: [
    {
      model_name: 'demo',
      litellm_params: { model: 'fake/demo' },
      model_info: { input_cost_per_token: 5e-6, cache_read_input_token_cost: 5e-7, output_cost_per_token: 3e-5 },
    },
  ],
};
const usage = { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
const chunk = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'demo', service_tier: 'default', system_fingerprint: null };
const deltas = [{ role: 'assistant', content: '' }, { content: 'Hello' }, { content: ' there,' }, { content: ' five' }, { content: ' words' }, {}];
const frames = (includeUsage) => [
  ...deltas.map((delta, index) =>
    JSON.stringify({ ...chunk, ...(includeUsage ? { usage: null } : {}), choices: [{ index: 0, delta, logprobs: null, finish_reason: index === deltas.length - 1 ? 'stop' : null }] }),
  ),
  ...(includeUsage ? [JSON.stringify({ ...chunk, choices: [], usage })] : []),
];
const withUsage = frames(true);
const withoutUsage = frames(false);
const completion = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'demo', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, five words' }, finish_reason: 'stop' }], usage });

async function* events(includeUsage) {
  for (const frame of includeUsage ? withUsage : withoutUsage) yield { data: JSON.parse(frame) };
  yield { data: SSE_DONE };
}

const fake = {
  name: 'fake',
  create: () => ({
    endpoints: new Set(['chat.completions']),
    send: async (call) =>
      call.stream
        ? { kind: 'stream', status: 200, headers: {}, events: events(call.body.stream_options?.include_usage === true) }
        : { kind: 'json', status: 200, headers: {}, body: JSON.parse(completion) },
  }),
};

const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];
const signal = new AbortController().signal;
const bodies = {
  json: () => ({ model: 'demo', messages }),
  'stream, client asks usage': () => ({ model: 'demo', messages, stream: true, stream_options: { include_usage: true } }),
  'stream, usage added and removed': () => ({ model: 'demo', messages, stream: true }),
};

export default async function costStage({ quick }) {
  const iterations = quick ? 2000 : 10_000;
  const withCost = createGateway({ config, providers: [fake], logger: silentLogger, onCost: () => {} });
  const without = createGateway({ config, providers: [fake], logger: silentLogger, stages: [{ replace: 'cost', run: (_context, next) => next() }] });
  const probe = await withCost.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: bodies.json(), signal });
  if (probe.headers['x-switchyard-response-cost'] === undefined) throw new Error('the benchmark deployment is not priced');

  // Interleaved rounds, best p50 of each: the difference is small next to the whole pipeline.
  const best = {};
  for (let round = 0; round < (quick ? 2 : 4); round++) {
    for (const [name, body] of Object.entries(bodies)) {
      for (const [variant, gateway] of [['with', withCost], ['without', without]]) {
        const { p50 } = await measureMicros(async () => {
          const response = await gateway.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: body(), signal });
          if (response.kind === 'stream') for await (const _event of response.events);
        }, { iterations, warmup: round === 0 ? 1000 : 100 });
        const key = `${name}|${variant}`;
        best[key] = Math.min(best[key] ?? Infinity, p50);
        await new Promise((resolve) => setImmediate(resolve)); // let queued cost listeners run
      }
    }
  }
  await Promise.all([withCost.close(), without.close()]);

  const tiered = extractUsage({ prompt_tokens: 300000, completion_tokens: 1000, prompt_tokens_details: { cached_tokens: 200000 } });
  const pricing = { input: 5e-6, cached_input: 5e-7, output: 3e-5, tiers: [{ above_input_tokens: 272000, input: 1e-5, cached_input: 1e-6, output: 4.5e-5 }] };
  const price = await measureMicros(() => priceUsage(tiered, pricing), { iterations: quick ? 20_000 : 200_000, warmup: 5000, batch: 100 });

  return [
    ...Object.keys(bodies).map((name) => {
      const withStage = best[`${name}|with`];
      const withoutStage = best[`${name}|without`];
      return {
        name: `cost stage, chat ${name}`,
        value: withStage - withoutStage,
        unit: 'µs/call',
        detail: `handle() p50 ${withStage.toFixed(1)} µs with the stage, ${withoutStage.toFixed(1)} µs without${name.startsWith('stream') ? '; 8 chunks + [DONE]' : ''}`,
      };
    }),
    { name: 'priceUsage() long-context tier', value: price.p50, unit: 'µs/call', detail: 'exact BigInt attoUSD arithmetic + decimal string' },
  ];
}
