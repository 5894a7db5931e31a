// CPU per chat request served by the Anthropic plugin (Chat → Messages → Chat) beside the
// OpenAI plugin (pass-through), same content, same pipeline: gateway.handle() in process, the
// upstream answered by undici's MockAgent (the plugins' `dispatcher` option), so no sockets.
// The ratio is what issue 11 budgets (≤ 1.3×); the absolute µs include MockAgent's own work.
import { createGateway, silentLogger } from '@switchyard/core';
import { anthropic } from '@switchyard/provider-anthropic';
import { openai } from '@switchyard/provider-openai';
import { MockAgent } from 'undici';
import { measureMicros } from '../lib/measure.mjs';

const ORIGIN = 'http://upstream.bench';
const PIECES = ['Hello', ' there', ', how', ' can', ' I', ' help', ' you', ' today', '?'];
const TEXT = PIECES.join('');

const openaiJson = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21, prompt_tokens_details: { cached_tokens: 0 } },
});
const openaiChunk = (delta, finish = null) => ({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const openaiStream = [
  openaiChunk({ role: 'assistant', content: '' }),
  ...PIECES.map((piece) => openaiChunk({ content: piece })),
  openaiChunk({}, 'stop'),
  { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } },
].map((data) => `data: ${JSON.stringify(data)}\n\n`).join('') + 'data: [DONE]\n\n';

const usage = { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 9 };
const anthropicJson = JSON.stringify({
  id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: TEXT }],
  stop_reason: 'end_turn', stop_sequence: null, usage,
});
const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
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
const signal = new AbortController().signal;
const request = (model, stream) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: stream ? { model, messages, stream: true, stream_options: { include_usage: true } } : { model, messages },
  signal,
});

export default async function providerPlugins({ quick }) {
  const iterations = quick ? 2000 : 20_000;
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
  const run = async (model, stream) => {
    const body = request(model, stream);
    return measureMicros(async () => {
      const response = await gateway.handle(body);
      if (response.status !== 200) throw new Error(`${model}: handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
      if (stream) for await (const _event of response.events); // drain, as an adapter would
    }, { iterations, warmup: 1000 });
  };
  // Interleaved, so drift on a shared machine hits both plugins alike.
  const openaiJsonResult = await run('gpt', false);
  const anthropicJsonResult = await run('claude', false);
  const openaiStreamResult = await run('gpt', true);
  const anthropicStreamResult = await run('claude', true);
  await gateway.close();
  await dispatcher.close();
  const ratio = (a, b) => a.p50 / b.p50;
  return [
    { name: 'chat JSON via openai plugin p50', value: openaiJsonResult.p50, unit: 'µs/call', detail: `p99 ${openaiJsonResult.p99.toFixed(1)} µs, MockAgent upstream` },
    { name: 'chat JSON via anthropic plugin p50', value: anthropicJsonResult.p50, unit: 'µs/call', detail: `p99 ${anthropicJsonResult.p99.toFixed(1)} µs, Chat → Messages → Chat` },
    { name: 'chat JSON anthropic / openai', value: ratio(anthropicJsonResult, openaiJsonResult), unit: '×', detail: 'issue 11 budget ≤ 1.3×' },
    { name: 'chat stream via openai plugin p50', value: openaiStreamResult.p50, unit: 'µs/call', detail: `p99 ${openaiStreamResult.p99.toFixed(1)} µs, 9 content chunks, drained` },
    { name: 'chat stream via anthropic plugin p50', value: anthropicStreamResult.p50, unit: 'µs/call', detail: `p99 ${anthropicStreamResult.p99.toFixed(1)} µs, 16 Messages events → 12 chunks` },
    { name: 'chat stream anthropic / openai', value: ratio(anthropicStreamResult, openaiStreamResult), unit: '×', detail: 'issue 11 budget ≤ 1.3×' },
  ];
}
