// CPU per chat request for the cloud plugins (Bedrock Converse with SigV4, Azure OpenAI, Gemini)
// beside the OpenAI plugin, same short answer, same pipeline: gateway.handle() in process, the
// upstream answered by undici's MockAgent (the plugins' `dispatcher` option), so no sockets.
// Issue 12 budgets each plugin at ≤ 1.3× the OpenAI plugin's CPU; SigV4 signing is also timed alone,
// the plugin's signer beside the two libraries it is tested against (aws4, @smithy/signature-v4:
// devDependencies of the Bedrock package, loaded from there).
import { createGateway, silentLogger } from '@switchyard/core';
import { azure } from '@switchyard/provider-azure';
import { bedrock } from '@switchyard/provider-bedrock';
import { gemini } from '@switchyard/provider-gemini';
import { openai } from '@switchyard/provider-openai';
import { createRequire } from 'node:module';
import { MockAgent } from 'undici';
import { RefreshingCredentials } from '../../packages/providers/bedrock/dist/credentials/refreshing-credentials.js';
import { staticCredentials } from '../../packages/providers/bedrock/dist/credentials/credential-provider.js';
import { createRequestSigner } from '../../packages/providers/bedrock/dist/sign-request.js';
import { SigV4Signer } from '../../packages/providers/bedrock/dist/sigv4/sigv4-signer.js';
import { measureMicros } from '../lib/measure.mjs';
import { median } from '../lib/stats.mjs';
import { ORIGIN, PIECES, TEXT, cpuPerCall, openaiJson, openaiStream } from '../lib/plugin-payloads.mjs';

const sse = (events) => events.map((data) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`).join('');

// Gemini.
const geminiUsage = { promptTokenCount: 12, candidatesTokenCount: 9, totalTokenCount: 21 };
const geminiResponse = (text, finish) => ({ candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finish ? { finishReason: finish } : {}), index: 0 }], usageMetadata: geminiUsage, modelVersion: 'gemini-2.5-flash' });
const geminiJson = JSON.stringify(geminiResponse(TEXT, 'STOP'));
const geminiStream = sse(PIECES.map((piece, index) => geminiResponse(piece, index === PIECES.length - 1 ? 'STOP' : undefined)));

// Bedrock: Converse JSON and the binary event stream (11 messages).
const bedrockJson = JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: TEXT }] } }, stopReason: 'end_turn', usage: { inputTokens: 12, outputTokens: 9, totalTokens: 21 }, metrics: { latencyMs: 100 } });
const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc = (bytes) => {
  let value = -1;
  for (const byte of bytes) value = CRC_TABLE[(value ^ byte) & 0xff] ^ (value >>> 8);
  return (value ^ -1) >>> 0;
};
function frame(type, payload) {
  const headers = Buffer.concat(Object.entries({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }).map(([name, value]) => {
    const nameBytes = Buffer.from(name);
    const valueBytes = Buffer.from(value);
    const header = Buffer.alloc(1 + nameBytes.length + 3 + valueBytes.length);
    header[0] = nameBytes.length;
    nameBytes.copy(header, 1);
    header[1 + nameBytes.length] = 7;
    header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    valueBytes.copy(header, 4 + nameBytes.length);
    return header;
  }));
  const body = Buffer.from(JSON.stringify({ ...payload, p: 'abcdefghij' }));
  const total = 12 + headers.length + body.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headers.length, 4);
  message.writeUInt32BE(crc(message.subarray(0, 8)), 8);
  headers.copy(message, 12);
  body.copy(message, 12 + headers.length);
  message.writeUInt32BE(crc(message.subarray(0, total - 4)), total - 4);
  return message;
}
const bedrockStream = Buffer.concat([
  frame('messageStart', { role: 'assistant' }),
  ...PIECES.map((piece) => frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: piece } })),
  frame('contentBlockStop', { contentBlockIndex: 0 }),
  frame('messageStop', { stopReason: 'end_turn' }),
  frame('metadata', { usage: { inputTokens: 12, outputTokens: 9, totalTokens: 21 }, metrics: { latencyMs: 100 } }),
]);

const BEDROCK_PATH = '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0';
function mockUpstream() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const reply = (data, type) => () => ({ statusCode: 200, data, responseOptions: { headers: { 'content-type': type } } });
  const either = (json, stream) => (options) => (String(options.body).includes('"stream":true') ? reply(stream, 'text/event-stream')() : reply(json, 'application/json')());
  pool.intercept({ path: '/v1/chat/completions', method: 'POST' }).reply(either(openaiJson, openaiStream)).persist();
  pool.intercept({ path: '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', method: 'POST' }).reply(either(openaiJson, openaiStream)).persist();
  pool.intercept({ path: '/v1beta/models/gemini-2.5-flash:generateContent', method: 'POST' }).reply(reply(geminiJson, 'application/json')).persist();
  pool.intercept({ path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', method: 'POST' }).reply(reply(geminiStream, 'text/event-stream')).persist();
  pool.intercept({ path: `${BEDROCK_PATH}/converse`, method: 'POST' }).reply(reply(bedrockJson, 'application/json')).persist();
  pool.intercept({ path: `${BEDROCK_PATH}/converse-stream`, method: 'POST' }).reply(reply(bedrockStream, 'application/vnd.amazon.eventstream')).persist();
  return agent;
}

const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello in five words, please.' }];
const request = (model, stream) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json' },
  body: stream ? { model, messages, stream: true, stream_options: { include_usage: true } } : { model, messages },
  signal: new AbortController().signal,
});


export default async function cloudProviderPlugins({ quick }) {
  const rounds = quick ? 3 : 7;
  const iterations = quick ? 1000 : 3000;
  const dispatcher = mockUpstream();
  const sigv4 = { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', aws_region_name: 'us-east-1', api_base: ORIGIN };
  const gateway = createGateway({
    logger: silentLogger,
    providers: [openai({ dispatcher, env: {} }), azure({ dispatcher, env: {} }), gemini({ dispatcher, env: {} }), bedrock({ dispatcher, env: {} })],
    config: {
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${ORIGIN}/v1`, api_key: 'sk-bench-openai-key' } },
        { model_name: 'azure', litellm_params: { model: 'azure/gpt-4o-mini', api_base: ORIGIN, api_key: 'az-bench-key', api_version: '2024-10-21' }, model_info: { base_model: 'gpt-4o-mini' } },
        { model_name: 'gemini', litellm_params: { model: 'gemini/gemini-2.5-flash', api_base: ORIGIN, api_key: 'AIza-bench-key' } },
        { model_name: 'bedrock', litellm_params: { model: 'bedrock/anthropic.claude-haiku-4-5-20251001-v1:0', ...sigv4 } },
        { model_name: 'bedrock-key', litellm_params: { model: 'bedrock/anthropic.claude-haiku-4-5-20251001-v1:0', api_key: 'ABSK-bench-key', api_base: ORIGIN } },
      ],
    },
  });
  const call = (model, stream) => async () => {
    const response = await gateway.handle(request(model, stream));
    if (response.status !== 200) throw new Error(`${model}: handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (stream) for await (const _event of response.events); // drain, as an adapter would
  };
  const names = ['gpt', 'azure', 'gemini', 'bedrock', 'bedrock-key'];
  const cases = Object.fromEntries(names.flatMap((name) => [[`${name} json`, call(name, false)], [`${name} stream`, call(name, true)]]));
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(cases)) samples[name].push(await cpuPerCall(fn, iterations));
  }
  await gateway.close();
  await dispatcher.close();
  const cpu = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));

  // SigV4 alone, the same Converse request signed three ways: the plugin's signer (what the
  // gateway rows above use), aws4 (what it used before) and the AWS SDK's @smithy/signature-v4.
  const credentials = { accessKeyId: sigv4.aws_access_key_id, secretAccessKey: sigv4.aws_secret_access_key, sessionToken: 'session-token-bench' };
  const host = 'bedrock-runtime.us-east-1.amazonaws.com';
  const path = `${BEDROCK_PATH}/converse`;
  const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Say hello in five words, please.' }] }], system: [{ text: 'Be brief.' }] });
  const fromBedrock = createRequire(new URL('../../packages/providers/bedrock/package.json', import.meta.url));
  const aws4 = fromBedrock('aws4');
  const { SignatureV4 } = fromBedrock('@smithy/signature-v4');
  const { Hash } = fromBedrock('@smithy/hash-node');
  const ours = new SigV4Signer({ host, region: 'us-east-1', service: 'bedrock', contentType: 'application/json' });
  const smithy = new SignatureV4({ service: 'bedrock', region: 'us-east-1', credentials, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  const signers = {
    'the plugin (src/sigv4)': () => ours.sign(credentials, path, body),
    aws4: () => aws4.sign({ host, path, method: 'POST', service: 'bedrock', region: 'us-east-1', headers: { 'content-type': 'application/json' }, body }, credentials),
    '@smithy/signature-v4': () => smithy.sign({ method: 'POST', protocol: 'https:', hostname: host, path, headers: { 'content-type': 'application/json', host, 'content-length': String(Buffer.byteLength(body)) }, body, query: {} }),
  };
  // The plugin's request signer as a deployment uses it: static keys, and a role's cached STS set
  // (answered synchronously until the refresh window, so no Promise per request either way).
  const base = new URL(`https://${host}`);
  const fromKeys = createRequestSigner({ auth: { kind: 'sigv4', credentials: staticCredentials(credentials), secrets: [] }, region: 'us-east-1', base });
  const role = new RefreshingCredentials({ fetch: async () => ({ ...credentials, expiresAt: Date.now() + 3600_000 }) });
  await role.credentials();
  const fromRole = createRequestSigner({ auth: { kind: 'sigv4', credentials: role, secrets: [] }, region: 'us-east-1', base });
  if (fromRole.headers(path, body) instanceof Promise) throw new Error('cached role credentials must sign without a Promise');
  signers['the plugin, static keys, via the deployment signer'] = () => fromKeys.headers(path, body);
  signers['the plugin, cached STS role set, via the deployment signer'] = () => fromRole.headers(path, body);
  const signing = {};
  for (const [name, sign] of Object.entries(signers)) {
    signing[name] = { wall: await measureMicros(sign, { iterations: quick ? 5000 : 20000 }), cpu: await cpuPerCall(sign, quick ? 5000 : 20000) };
  }

  const detail = `median of ${rounds} rounds × ${iterations} calls, CPU time, MockAgent upstream`;
  const rows = [{ name: 'chat JSON via openai plugin, CPU', value: cpu['gpt json'], unit: 'µs/call', detail }, { name: 'chat stream via openai plugin, CPU', value: cpu['gpt stream'], unit: 'µs/call', detail: '9 content chunks + usage, drained' }];
  const labels = { azure: 'azure plugin', gemini: 'gemini plugin', bedrock: 'bedrock plugin (SigV4)', 'bedrock-key': 'bedrock plugin (API key)' };
  for (const name of names.slice(1)) {
    for (const mode of ['json', 'stream']) {
      rows.push({ name: `chat ${mode === 'json' ? 'JSON' : 'stream'} via ${labels[name]}, CPU`, value: cpu[`${name} ${mode}`], unit: 'µs/call', detail: mode === 'stream' && name.startsWith('bedrock') ? '11 event-stream messages decoded → 12 chunks' : '' });
      rows.push({ name: `chat ${mode === 'json' ? 'JSON' : 'stream'} ${name} / openai`, value: cpu[`${name} ${mode}`] / cpu[`gpt ${mode}`], unit: '×', detail: 'issue 12 budget ≤ 1.3×' });
    }
  }
  for (const [name, { wall, cpu: cpuTime }] of Object.entries(signing)) {
    rows.push({ name: `SigV4 signing, ${name} (p50)`, value: wall.p50, unit: 'µs/call', detail: `p99 ${wall.p99.toFixed(1)} µs, CPU ${cpuTime.toFixed(1)} µs; session token, ~120-byte body` });
  }
  return rows;
}
