// CPU per `/v1/messages` request passed through natively to an Anthropic deployment, beside the
// OpenAI chat path (`/v1/chat/completions` to an OpenAI deployment, pass-through), same content,
// same pipeline: gateway.handle() in process, upstreams answered by undici's MockAgent (the
// plugins' `dispatcher` option), so no sockets. Issue 11 budgets native pass-through ≤ 1.1× the
// chat path. `/v1/messages` translated to an OpenAI deployment is shown beside, not judged.
import { createGateway, silentLogger } from '@switchyard/core';
import { anthropic } from '@switchyard/provider-anthropic';
import { openai } from '@switchyard/provider-openai';
import { MockAgent } from 'undici';
import { median } from '../lib/stats.mjs';
import { ORIGIN, PIECES, anthropicEvent as event, anthropicJson, anthropicUsage as usage, cpuPerCall, openaiJson, openaiStream } from '../lib/plugin-payloads.mjs';

// As many events as the chat stream has chunks' worth of content: 9 deltas plus framing.
const anthropicStream = [
  event('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }),
  event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
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

const chatMessages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello in five words, please.' }];
const anthropicMessages = [{ role: 'user', content: 'Say hello in five words, please.' }];
// A fresh signal per call, as the adapters make one per request.
const chatRequest = (stream) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
  body: stream ? { model: 'gpt', messages: chatMessages, max_tokens: 256, stream: true, stream_options: { include_usage: true } } : { model: 'gpt', messages: chatMessages, max_tokens: 256 },
  signal: new AbortController().signal,
});
const messagesRequest = (model, stream) => ({
  method: 'POST',
  path: '/v1/messages',
  headers: { 'content-type': 'application/json', 'x-api-key': 'sk-bench', 'anthropic-version': '2023-06-01' },
  body: { model, system: 'Be brief.', messages: anthropicMessages, max_tokens: 256, ...(stream ? { stream: true } : {}) },
  signal: new AbortController().signal,
});


export default async function messagesPassthrough({ quick }) {
  const rounds = quick ? 3 : 7;
  const iterations = quick ? 1000 : 4000;
  const dispatcher = mockUpstream();
  const gateway = createGateway({
    logger: silentLogger,
    providers: [openai({ dispatcher }), anthropic({ dispatcher })],
    config: {
      general_settings: { master_key: 'sk-bench' },
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${ORIGIN}/v1`, api_key: 'sk-bench-openai-key' } },
        { model_name: 'claude', litellm_params: { model: 'anthropic/claude-haiku-4-5', api_base: ORIGIN, api_key: 'sk-ant-bench-key' } },
      ],
    },
  });
  const call = (makeRequest, stream) => async () => {
    const response = await gateway.handle(makeRequest());
    if (response.status !== 200) throw new Error(`handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (stream) for await (const _event of response.events); // drain, as an adapter would
  };
  const cases = {
    chatJson: call(() => chatRequest(false), false),
    nativeJson: call(() => messagesRequest('claude', false), false),
    translatedJson: call(() => messagesRequest('gpt', false), false),
    chatStream: call(() => chatRequest(true), true),
    nativeStream: call(() => messagesRequest('claude', true), true),
    translatedStream: call(() => messagesRequest('gpt', true), true),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  // Rounds interleave the paths, so drift on a shared machine hits all alike; CPU time, not wall time.
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(cases)) samples[name].push(await cpuPerCall(fn, iterations));
  }
  await gateway.close();
  await dispatcher.close();
  const cpu = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const detail = `median of ${rounds} rounds × ${iterations} calls, CPU time, MockAgent upstream`;
  return [
    { name: 'chat JSON to openai, CPU', value: cpu.chatJson, unit: 'µs/call', detail },
    { name: 'messages JSON native to anthropic, CPU', value: cpu.nativeJson, unit: 'µs/call', detail: 'pass-through' },
    { name: 'messages JSON native / chat JSON', value: cpu.nativeJson / cpu.chatJson, unit: '×', detail: 'issue 11 budget ≤ 1.1×' },
    { name: 'messages JSON translated to openai, CPU', value: cpu.translatedJson, unit: 'µs/call', detail: 'Messages → Chat → Messages (not judged)' },
    { name: 'chat stream to openai, CPU', value: cpu.chatStream, unit: 'µs/call', detail: '9 content chunks + usage, drained' },
    { name: 'messages stream native to anthropic, CPU', value: cpu.nativeStream, unit: 'µs/call', detail: '14 events, raw bytes kept, drained' },
    { name: 'messages stream native / chat stream', value: cpu.nativeStream / cpu.chatStream, unit: '×', detail: 'issue 11 budget ≤ 1.1×' },
    { name: 'messages stream translated to openai, CPU', value: cpu.translatedStream, unit: 'µs/call', detail: 'chunks → Messages events (not judged)' },
  ];
}
