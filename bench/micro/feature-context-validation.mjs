// Issue 9: per-request validation with feature gates and the context-limit check. A 2 KB chat
// body (tools, several turns) through ModelTarget.prepare for gpt-5.5 (every feature: no gate
// compiled), o3 (lacks parallel tool calls: a gate runs) and gpt-4o (128,000-token window: the
// cheap bound runs, the tokenizer does not). Target ≤ 5 µs p50. Then the tokenizer's cost on a
// 200 KB body (the bound cannot rule it out for gpt-4o, so o200k_base counts it), once cold
// (loading the encoding) and warm.
import { createGateway, silentLogger } from '@switchyard/core';
import { measureMicros, timeMillis } from '../lib/measure.mjs';

const deployment = (model) => ({ model_name: model, litellm_params: { model: `openai/${model}`, mock_response: 'hi' } });
const config = { model_list: ['gpt-5.5', 'o3', 'gpt-4o'].map(deployment) };

const tool = (name) => ({
  type: 'function',
  function: { name, description: `Looks up ${name} for the user.`, parameters: { type: 'object', properties: { term: { type: 'string' }, limit: { type: 'integer' } }, required: ['term'] } },
});
const turn = (role, words) => ({ role, content: Array.from({ length: words }, (_, index) => `word${index % 97}`).join(' ') });
const chatBody = (model) => ({
  model,
  messages: [
    { role: 'system', content: 'You are a helpful assistant that answers briefly and cites sources.' },
    turn('user', 60),
    turn('assistant', 50),
    turn('user', 70),
    turn('assistant', 40),
    turn('user', 30),
  ],
  tools: [tool('lookup'), tool('define'), tool('translate')],
  max_completion_tokens: 800,
  stream: false,
  user: 'user-1234',
});

/** About 200 KB of varied English-like text (varied so the tokenizer's merge cache does not flatter it). */
function longText(bytes) {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'sta', 'vo', 'tri', 'pe', 'dun', 'shi', 'qua', 'zor'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = [];
  let length = 0;
  while (length < bytes) {
    const word = Array.from({ length: 1 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

export default async function featureContextValidation({ quick }) {
  const gateway = createGateway({ config, logger: silentLogger });
  const snapshot = gateway.snapshot();
  const target = (name) => snapshot.targets.get(name)[0];
  const strict = { dropParams: false };
  const options = { iterations: quick ? 20_000 : 200_000, warmup: 5_000, batch: 100 };
  const bodies = Object.fromEntries(['gpt-5.5', 'o3', 'gpt-4o'].map((name) => [name, chatBody(name)]));
  const size = Buffer.byteLength(JSON.stringify(bodies['gpt-5.5']));

  // The gates really run: o3 refuses parallel_tool_calls.
  try {
    target('o3').prepare('chat.completions', { ...bodies.o3, parallel_tool_calls: true }, strict);
    throw new Error('o3 accepted parallel_tool_calls');
  } catch (error) {
    if (error.code !== 'unsupported_parameter') throw error;
  }

  const results = [];
  for (const name of ['gpt-5.5', 'o3', 'gpt-4o']) {
    const subject = target(name);
    const body = bodies[name];
    const timing = await measureMicros(() => subject.prepare('chat.completions', body, strict), options);
    results.push({ name: `prepare() ${name}, ${(size / 1024).toFixed(1)} KB chat body, p50`, value: timing.p50, unit: 'µs/call', detail: `p99 ${timing.p99.toFixed(2)} µs; target ≤ 5 µs` });
  }

  const long = { model: 'gpt-4o', messages: [{ role: 'user', content: longText(200 * 1024) }] };
  const gpt4o = target('gpt-4o');
  const cold = await timeMillis(() => gpt4o.prepare('chat.completions', long, strict));
  const runs = quick ? 5 : 20;
  const warm = [];
  for (let run = 0; run < runs; run++) warm.push(await timeMillis(() => gpt4o.prepare('chat.completions', long, strict)));
  warm.sort((a, b) => a - b);
  await gateway.close();
  results.push(
    { name: 'prepare() gpt-4o, 200 KB body (tokenizer), first call', value: cold, unit: 'ms', detail: 'includes loading o200k_base once per process' },
    { name: 'prepare() gpt-4o, 200 KB body (tokenizer), median', value: warm[Math.floor(runs / 2)], unit: 'ms', detail: `max ${warm.at(-1).toFixed(1)} ms over ${runs} runs` },
  );
  return results;
}
