// What each operations feature (issue 15) adds to one request in process: gateway.handle() with
// the feature on against the same gateway without it, through an in-process fake provider, best
// p50 of interleaved rounds. The load figures (CPU per request of the whole proxy) are in
// `pnpm bench ops`; these isolate the gateway's own code from sockets and the load generator.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createAccessLog, createGateway, REDACTED_LOG_PATHS, silentLogger } from '@switchyard/core';
import { measureMicros } from '../lib/measure.mjs';

const completion = JSON.stringify({
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'demo',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, five words' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
});
const fake = {
  name: 'fake',
  create: () => ({ endpoints: new Set(['chat.completions']), send: async () => ({ kind: 'json', status: 200, headers: {}, body: JSON.parse(completion) }) }),
};
const model = { model_name: 'demo', litellm_params: { model: 'fake/demo' }, model_info: { input_cost_per_token: 5e-6, output_cost_per_token: 3e-5 } };
const config = (litellmSettings = {}) => ({ model_list: [model], general_settings: { master_key: 'sk-bench' }, litellm_settings: litellmSettings });
const devNull = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });
// The old access log: the event through a pino logger with the gateway's redaction paths.
const pinoLogger = pino({ redact: { paths: [...REDACTED_LOG_PATHS], censor: '[REDACTED]' } }, devNull());

const variants = {
  plain: () => createGateway({ config: config(), providers: [fake], logger: silentLogger }),
  metrics: () => createGateway({ config: config({ callbacks: ['prometheus'] }), providers: [fake], logger: silentLogger }),
  'otel (no SDK)': () => createGateway({ config: config({ callbacks: ['otel'] }), providers: [fake], logger: silentLogger }),
  'access log': () => createGateway({ config: config(), providers: [fake], logger: silentLogger, onCost: createAccessLog(devNull()) }),
  'access log via pino (before)': () => createGateway({ config: config(), providers: [fake], logger: silentLogger, onCost: (event) => pinoLogger.info(event, 'request') }),
  'cache hit': () => createGateway({ config: config({ cache: true, cache_params: { type: 'local' } }), providers: [fake], logger: silentLogger }),
};

const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];
const signal = new AbortController().signal;
const request = () => ({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-bench' }, body: { model: 'demo', messages, user: 'bench-user' }, signal });

export default async function operations({ quick }) {
  const iterations = quick ? 2000 : 10_000;
  const gateways = Object.fromEntries(Object.entries(variants).map(([name, make]) => [name, make()]));
  const best = {};
  for (let round = 0; round < (quick ? 2 : 4); round++) {
    for (const [name, gateway] of Object.entries(gateways)) {
      const { p50 } = await measureMicros(async () => {
        const response = await gateway.handle(request());
        if (response.status !== 200) throw new Error(`${name}: handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
        // The cost listener (the access log) runs on the next turn of the event loop: count it.
        await new Promise((resolve) => setImmediate(resolve));
      }, { iterations, warmup: round === 0 ? 1000 : 100 });
      best[name] = Math.min(best[name] ?? Infinity, p50);
    }
  }
  await Promise.all(Object.values(gateways).map((gateway) => gateway.close()));
  const plain = best.plain;
  return Object.entries(best)
    .filter(([name]) => name !== 'plain')
    .map(([name, value]) => ({
      name: `operations: ${name}`,
      value: value - plain,
      unit: 'µs/call',
      detail: `handle() p50 ${value.toFixed(1)} µs vs ${plain.toFixed(1)} µs plain (×${(value / plain).toFixed(2)})`,
    }));
}
