// In-process cost of the whole core pipeline (requestId → auth → cost → resolve → validate →
// provider) with a mock_response deployment: no sockets, no framework, no upstream.
import { createGateway, silentLogger } from '@switchyard/core';
import { measureMicros, timeMillis } from '../lib/measure.mjs';

const config = { model_list: [{ model_name: 'demo', litellm_params: { model: 'openai/demo', mock_response: 'hi' } }] };
const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];
const signal = new AbortController().signal;

function chatRequest(stream) {
  const body = stream ? { model: 'demo', messages, stream: true, stream_options: { include_usage: true } } : { model: 'demo', messages };
  return { method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body, signal };
}

export default async function gatewayHandle({ quick }) {
  const iterations = quick ? 2000 : 20_000;
  const firstBuildMs = await timeMillis(() => createGateway({ config, logger: silentLogger }).close());
  const rebuild = await measureMicros(() => createGateway({ config, logger: silentLogger }).close(), { iterations: quick ? 20 : 100, warmup: 5 });

  const gateway = createGateway({ config, logger: silentLogger });
  const jsonRequest = chatRequest(false);
  const json = await measureMicros(async () => {
    const response = await gateway.handle(jsonRequest);
    if (response.status !== 200) throw new Error(`handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
  }, { iterations, warmup: 1000 });

  const streamRequest = chatRequest(true);
  const stream = await measureMicros(async () => {
    const response = await gateway.handle(streamRequest);
    if (response.kind !== 'stream') throw new Error(`handle() answered ${response.status} without a stream`);
    for await (const _event of response.events); // drain every event, as an adapter would
  }, { iterations, warmup: 1000 });
  await gateway.close();

  return [
    { name: 'createGateway() first build (cold)', value: firstBuildMs, unit: 'ms', detail: 'config parse + validation + stage setup, first in process' },
    { name: 'createGateway() rebuild p50', value: rebuild.p50 / 1000, unit: 'ms' },
    { name: 'gateway.handle() chat JSON p50', value: json.p50, unit: 'µs/call', detail: `p99 ${json.p99.toFixed(1)} µs, mock_response deployment` },
    { name: 'gateway.handle() chat stream p50', value: stream.p50, unit: 'µs/call', detail: `p99 ${stream.p99.toFixed(1)} µs, all events drained` },
  ];
}
