// Per-request validation: ModelTarget.prepare (the compiled validator of a deployment) on a
// typical chat body, for gpt-5.5 (params, rules, limits), for a model without capability data
// (base request schema only) and with drop_params removing two parameters; against a call that
// validates nothing. Target: ≤ 30 µs.
import { createGateway, silentLogger } from '@switchyard/core';
import { measureMicros } from '../lib/measure.mjs';

const deployment = (name, model) => ({ model_name: name, litellm_params: { model: `openai/${model}`, mock_response: 'hi' } });
const config = { model_list: [deployment('gpt-5.5', 'gpt-5.5'), deployment('private', 'ft:private-model')] };

const body = {
  model: 'gpt-5.5',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Summarize the attached release notes in three bullet points.' },
    { role: 'assistant', content: 'Sure: please paste them.' },
    { role: 'user', content: 'Version 2.1 adds reload without restart, exact cost tracking and LiteLLM map import.' },
  ],
  reasoning_effort: 'low',
  max_completion_tokens: 800,
  tools: [{ type: 'function', function: { name: 'lookup', description: 'Looks a term up.', parameters: { type: 'object', properties: { term: { type: 'string' } }, required: ['term'] } } }],
  stream: false,
  user: 'user-1234',
};
const droppable = { ...body, reasoning_effort: 'minimal', logit_bias: { 50256: -100 }, temperature: 0.3 };

export default async function requestValidation({ quick }) {
  const gateway = createGateway({ config, logger: silentLogger });
  const snapshot = gateway.snapshot();
  const gpt = snapshot.targets.get('gpt-5.5')[0];
  const bare = snapshot.targets.get('private')[0];
  const strict = { dropParams: false };
  const options = { iterations: quick ? 20_000 : 200_000, warmup: 5_000, batch: 100 };

  // The validator really checks: the same body with a value gpt-5.5 refuses is refused.
  const refusal = (() => {
    try {
      gpt.prepare('chat.completions', { ...body, reasoning_effort: 'minimal' }, strict);
    } catch (error) {
      return error;
    }
  })();
  if (refusal?.code !== 'unsupported_value') throw new Error(`gpt-5.5 accepted reasoning_effort minimal (${refusal?.code})`);

  const none = await measureMicros(() => body, options);
  const compiled = await measureMicros(() => gpt.prepare('chat.completions', body, strict), options);
  const base = await measureMicros(() => bare.prepare('chat.completions', { ...body, model: 'private' }, strict), options);
  const dropped = gpt.prepare('chat.completions', droppable, { dropParams: true }).dropped;
  const dropping = await measureMicros(() => gpt.prepare('chat.completions', droppable, { dropParams: true }), options);
  await gateway.close();

  return [
    { name: 'prepare() gpt-5.5 chat body, p50', value: compiled.p50, unit: 'µs/call', detail: `p99 ${compiled.p99.toFixed(2)} µs; target ≤ 30 µs` },
    { name: 'prepare() without capability data, p50', value: base.p50, unit: 'µs/call', detail: 'base request schema only' },
    { name: 'prepare() gpt-5.5 with drop_params, p50', value: dropping.p50, unit: 'µs/call', detail: `drops ${dropped.join(', ')}` },
    { name: 'no validation (baseline call), p50', value: none.p50, unit: 'µs/call' },
  ];
}
