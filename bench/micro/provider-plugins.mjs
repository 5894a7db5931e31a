// CPU per chat request served by the Anthropic plugin (Chat → Messages → Chat) beside the
// OpenAI plugin (pass-through), same content, same pipeline: gateway.handle() in process, the
// upstream answered by undici's MockAgent (the plugins' `dispatcher` option), so no sockets.
// The ratio is what issue 11 budgets (≤ 1.3×); the absolute µs include MockAgent's own work.
import { createGateway, silentLogger } from '@switchyard/core';
import { anthropic } from '@switchyard/provider-anthropic';
import { openai } from '@switchyard/provider-openai';
import { MockAgent } from 'undici';
import { median } from '../lib/stats.mjs';
import { ORIGIN, PIECES, anthropicEvent as event, anthropicJson, anthropicUsage as usage, cpuPerCall, openaiJson, openaiStream } from '../lib/plugin-payloads.mjs';

const anthropicStream = [
  event('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }),
  event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  event('ping', {}),
  ...PIECES.map((piece) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } })),
  event('content_block_stop', { index: 0 }),
  event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage }),
  event('message_stop', {}),
].join('');

function mockUpstream() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const answer = (json, stream) => (options) => {
    const streaming = String(options.body).includes('"stream":true');
    return { statusCode: 200, data: streaming ? stream : json, responseOptions: { headers: { 'content-type': streaming ? 'text/event-stream' : 'application/json' } } };
  };
  pool.intercept({ path: '/v1/chat/completions', method: 'POST' }).reply(answer(openaiJson, openaiStream)).persist();
  pool.intercept({ path: '/v1/messages', method: 'POST' }).reply(answer(anthropicJson, anthropicStream)).persist();
  return agent;
}

const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello in five words, please.' }];
// A fresh signal per call, as the adapters make one per request: one signal shared by thousands
// of calls collects abort listeners and slows every later call (a bench artifact, not the plugins').
const request = (model, stream) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: stream ? { model, messages, stream: true, stream_options: { include_usage: true } } : { model, messages },
  signal: new AbortController().signal,
});


export default async function providerPlugins({ quick }) {
  const rounds = quick ? 3 : 7;
  const iterations = quick ? 1000 : 4000;
  const dispatcher = mockUpstream();
  const gateway = createGateway({
    logger: silentLogger,
    providers: [openai({ dispatcher }), anthropic({ dispatcher })],
    config: {
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${ORIGIN}/v1`, api_key: 'sk-bench-openai-key' } },
        { model_name: 'claude', litellm_params: { model: 'anthropic/claude-haiku-4-5', api_base: ORIGIN, api_key: 'sk-ant-bench-key' } },
      ],
    },
  });
  const call = (model, stream) => {
    return async () => {
      const response = await gateway.handle(request(model, stream));
      if (response.status !== 200) throw new Error(`${model}: handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
      if (stream) for await (const _event of response.events); // drain, as an adapter would
    };
  };
  const cases = { openaiJson: call('gpt', false), anthropicJson: call('claude', false), openaiStream: call('gpt', true), anthropicStream: call('claude', true) };
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  // Rounds interleave the plugins, so drift on a shared machine hits both alike; CPU time, not wall time.
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(cases)) samples[name].push(await cpuPerCall(fn, iterations));
  }
  await gateway.close();
  await dispatcher.close();
  const cpu = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const detail = `median of ${rounds} rounds × ${iterations} calls, CPU time, MockAgent upstream`;
  return [
    { name: 'chat JSON via openai plugin, CPU', value: cpu.openaiJson, unit: 'µs/call', detail },
    { name: 'chat JSON via anthropic plugin, CPU', value: cpu.anthropicJson, unit: 'µs/call', detail: 'Chat → Messages → Chat' },
    { name: 'chat JSON anthropic / openai', value: cpu.anthropicJson / cpu.openaiJson, unit: '×', detail: 'issue 11 budget ≤ 1.3×' },
    { name: 'chat stream via openai plugin, CPU', value: cpu.openaiStream, unit: 'µs/call', detail: '9 content chunks + usage, drained' },
    { name: 'chat stream via anthropic plugin, CPU', value: cpu.anthropicStream, unit: 'µs/call', detail: '16 Messages events → 12 chunks, drained' },
    { name: 'chat stream anthropic / openai', value: cpu.anthropicStream / cpu.openaiStream, unit: '×', detail: 'issue 11 budget ≤ 1.3×' },
  ];
}
