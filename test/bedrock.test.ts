// AWS Bedrock over real sockets: the official openai SDK calls Bedrock deployments through the
// standalone proxy and both mounts (each registers the Bedrock plugin by default) against a fake
// Bedrock runtime that recomputes every SigV4 signature with its own implementation and checks
// the exact path. Costs are hand-computed from the shipped prices
// (packages/providers/bedrock/src/bedrock-capabilities.json, from LiteLLM's map).
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { framesOf } from '../packages/providers/bedrock/src/__fixtures__/event-stream.js';
import { CostRecorder } from './support/cost-events.js';
import { FakeBedrock, sendAws, sendConverse, sendEventStream } from './support/fake-bedrock.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYsecret';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
const ROLE_KEY_ID = 'ASIAEXAMPLEROLEKEY01';
const ROLE_SECRET = 'roleSecretEXAMPLE0123456789abcdefSECRET';
const API_KEY = 'ABSKQmVkcm9ja0FQSUtleS1EXAMPLEbearerKEY0123';
const WRONG_SECRET = 'notTheSecretEXAMPLE0123456789abcdefWRONG';
const COST_HEADER = 'x-switchyard-response-cost';

/*
 * us.anthropic.claude-sonnet-4-5-20250929-v1:0 (the US inference profile, LiteLLM's +10%), USD per
 * token: input 3.3e-6, cache read 3.3e-7, cache write 4.125e-6, output 1.65e-5.
 * 100 uncached + 2000 read + 500 written in, 50 out: 0.00033 + 0.00066 + 0.0020625 + 0.000825
 */
const CACHED_JSON_COST = '0.0038775';
/*
 * anthropic.claude-haiku-4-5-20251001-v1:0: input 1e-6, cache read 1e-7, output 5e-6; thinking is
 * output. 40 uncached + 1000 read in, 300 out (thinking included): 0.00004 + 0.0001 + 0.0015
 */
const THINKING_STREAM_COST = '0.00164';
/* amazon.titan-embed-text-v2:0: 2e-8 per input token; 4 + 3 tokens (x-amzn-bedrock-input-token-count). */
const TITAN_COST = '0.00000014';

const SONNET_PATH = '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0';
const HAIKU_PATH = '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0';
const ARN = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5';

describe.each(ALL_HOSTS)('Bedrock deployments through %s, called with the openai SDK', (_name, startHost) => {
  let bedrock: FakeBedrock;
  let host: Host;
  let client: OpenAI;
  const costs = new CostRecorder();

  beforeAll(async () => {
    bedrock = await FakeBedrock.start({ [ACCESS_KEY_ID]: { secretAccessKey: SECRET, sessionToken: SESSION_TOKEN }, [ROLE_KEY_ID]: { secretAccessKey: ROLE_SECRET } }, [API_KEY]);
    const sigv4 = { aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_session_token: SESSION_TOKEN, aws_region_name: 'us-east-1', api_base: bedrock.url };
    host = await startHost({
      onCost: costs.listener,
      // Read for os.environ/ references in the config (the env-keys deployment).
      env: { TEAM_AWS_KEY_ID: ROLE_KEY_ID, TEAM_AWS_SECRET: ROLE_SECRET, TEAM_AWS_REGION: 'ap-southeast-2' },
      config: {
        model_list: [
          { model_name: 'sonnet', litellm_params: { model: 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0', ...sigv4 } },
          { model_name: 'haiku', litellm_params: { model: 'bedrock/converse/anthropic.claude-haiku-4-5-20251001-v1:0', ...sigv4 } },
          // Region from the ARN; keys of another IAM principal.
          { model_name: 'profile', litellm_params: { model: `bedrock/${ARN}`, aws_access_key_id: ROLE_KEY_ID, aws_secret_access_key: ROLE_SECRET, api_base: bedrock.url }, model_info: { base_model: 'anthropic.claude-haiku-4-5-20251001-v1:0' } },
          { model_name: 'bearer', litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0', api_key: API_KEY, aws_region_name: 'us-west-2', api_base: bedrock.url } },
          { model_name: 'wrong-secret', litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0', aws_access_key_id: ROLE_KEY_ID, aws_secret_access_key: WRONG_SECRET, aws_region_name: 'us-west-2', api_base: bedrock.url } },
          { model_name: 'titan', litellm_params: { model: 'bedrock/amazon.titan-embed-text-v2:0', ...sigv4 } },
          {
            model_name: 'env-keys',
            litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0', aws_access_key_id: 'os.environ/TEAM_AWS_KEY_ID', aws_secret_access_key: 'os.environ/TEAM_AWS_SECRET', aws_region_name: 'os.environ/TEAM_AWS_REGION', api_base: bedrock.url },
          },
        ],
      },
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await bedrock?.close();
  });
  beforeEach(() => {
    bedrock.requests.length = 0;
  });

  it('signs a Converse call with SigV4 (session token included) at the exact path, maps the body, and prices cache reads and writes', async () => {
    bedrock.handle((_request, response) =>
      sendConverse(response, {
        output: { message: { role: 'assistant', content: [{ text: 'Cached hello.' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 100, outputTokens: 50, totalTokens: 2650, cacheReadInputTokens: 2000, cacheWriteInputTokens: 500 },
        metrics: { latencyMs: 412 },
      }),
    );
    const { data, response } = await client.chat.completions
      .create({ model: 'sonnet', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 300, temperature: 0.2, stop: ['END'] })
      .withResponse();
    expect(data.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Cached hello.' }, finish_reason: 'stop' });
    // inputTokens leaves out the cache: prompt_tokens puts reads and writes back.
    expect(data.usage).toMatchObject({ prompt_tokens: 2600, completion_tokens: 50, total_tokens: 2650, prompt_tokens_details: { cached_tokens: 2000 } });
    expect(response.headers.get(COST_HEADER)).toBe(CACHED_JSON_COST);
    const sent = bedrock.requests[0]!;
    expect(sent.path).toBe(`${SONNET_PATH}/converse`);
    expect(sent.signature).toEqual({ ok: true, accessKeyId: ACCESS_KEY_ID, region: 'us-east-1', service: 'bedrock' });
    expect(sent.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 300, temperature: 0.2, stopSequences: ['END'] },
    });
    expect(JSON.stringify(response.headers)).not.toContain(SECRET);
  });

  it("prices a prompt over 200k tokens (cache reads counted) at LiteLLM's long-context tier, and one at exactly 200k at the standard rates", async () => {
    let usage = {};
    bedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'Long.' }] } }, stopReason: 'end_turn', usage }));
    /*
     * Tier above 200,000 input tokens (us. profile): input 6.6e-6, cache read 6.6e-7, output 2.475e-5.
     * 150,000 uncached + 50,001 read = 200,001 in, 1,000 out: 0.99 + 0.03300066 + 0.02475
     */
    usage = { inputTokens: 150_000, cacheReadInputTokens: 50_001, outputTokens: 1000 };
    const over = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Long' }] }).withResponse();
    expect(over.data.usage?.prompt_tokens).toBe(200_001);
    expect(over.response.headers.get(COST_HEADER)).toBe('1.04775066');
    // 150,000 + 50,000 = 200,000, not above the threshold: 0.495 + 0.0165 + 0.0165
    usage = { inputTokens: 150_000, cacheReadInputTokens: 50_000, outputTokens: 1000 };
    const at = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Long' }] }).withResponse();
    expect(at.response.headers.get(COST_HEADER)).toBe('0.528');
  });

  it('streams ConverseStream with Claude thinking: reasoning, text and parallel tool calls at indexes 0 and 1, priced at the end', async () => {
    bedrock.handle(
      (_request, response) =>
        void sendEventStream(
          response,
          framesOf([
            { messageStart: { role: 'assistant' } },
            { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Two cities, ' } } } },
            { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'two tools.' } } } },
            { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'EqQBCkYIBRgCKkBsig==' } } } },
            { contentBlockStop: { contentBlockIndex: 0 } },
            { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Checking both.' } } },
            { contentBlockStop: { contentBlockIndex: 1 } },
            { contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_paris01', name: 'get_weather' } } } },
            { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } } },
            { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } } },
            { contentBlockStop: { contentBlockIndex: 2 } },
            { contentBlockStart: { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_tokyo02', name: 'get_weather' } } } },
            { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '{"city":"Tokyo"}' } } } },
            { contentBlockStop: { contentBlockIndex: 3 } },
            { messageStop: { stopReason: 'tool_use' } },
            { metadata: { usage: { inputTokens: 40, outputTokens: 300, totalTokens: 1340, cacheReadInputTokens: 1000, cacheWriteInputTokens: 0 }, metrics: { latencyMs: 900 } } },
          ]),
        ),
    );
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'haiku', messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }], tools, tool_choice: 'auto', reasoning_effort: 'low', stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let reasoning = '';
    let content = '';
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      const delta = choice.delta as typeof choice.delta & { reasoning_content?: string };
      reasoning += delta.reasoning_content ?? '';
      content += delta.content ?? '';
      for (const call of delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { args: '' };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.args += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
      finish = choice.finish_reason ?? finish;
    }
    expect(reasoning).toBe('Two cities, two tools.');
    expect(content).toBe('Checking both.');
    expect([...calls.entries()]).toEqual([
      [0, { id: 'tooluse_paris01', name: 'get_weather', args: '{"city":"Paris"}' }],
      [1, { id: 'tooluse_tokyo02', name: 'get_weather', args: '{"city":"Tokyo"}' }],
    ]);
    expect(finish).toBe('tool_calls');
    expect(usage).toMatchObject({ prompt_tokens: 1040, completion_tokens: 300, total_tokens: 1340 });
    const sent = bedrock.requests[0]!;
    expect(sent.path).toBe(`${HAIKU_PATH}/converse-stream`);
    expect(sent.signature?.ok).toBe(true);
    // reasoning_effort low → a 2048-token budget; maxTokens leaves 4096 beside it.
    expect(sent.body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(sent.body.inferenceConfig).toEqual({ maxTokens: 6144 });
    expect(sent.body.toolConfig).toEqual({ tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: tools[0]!.function.parameters } } }], toolChoice: { auto: {} } });
    const event = await costs.eventFor(response.headers.get('x-request-id'));
    expect(event).toMatchObject({ outcome: 'success', stream: true, cost: THINKING_STREAM_COST });
  });

  it('ends a stream with an error the SDK throws when Bedrock sends an exception frame inside the 200', async () => {
    bedrock.handle(
      (_request, response) =>
        void sendEventStream(
          response,
          framesOf([
            { messageStart: { role: 'assistant' } },
            { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Partial' } } },
            { exception: { type: 'throttlingException', message: 'Too many tokens, please wait before trying again.' } },
          ]),
        ),
    );
    const stream = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let content = '';
    const failure = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    })().catch((error: unknown) => error);
    expect(content).toBe('Partial');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(String((failure as Error).message)).toContain('Too many tokens');
  });

  it('passes a request guardrailConfig through to Converse and reports a guardrail stop as content_filter', async () => {
    bedrock.handle((_request, response) =>
      sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'Sorry, I cannot help with that.' }] } }, stopReason: 'guardrail_intervened', usage: { inputTokens: 9, outputTokens: 0 } }),
    );
    const guardrailConfig = { guardrailIdentifier: 'gr-1a2b3c', guardrailVersion: '1', trace: 'enabled' };
    const answer = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Something risky' }], guardrailConfig } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(answer.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: 'Sorry, I cannot help with that.' } });
    expect(bedrock.requests[0]?.body.guardrailConfig).toEqual(guardrailConfig);
  });

  it('takes the region from an ARN and URL-encodes the whole ARN as one path segment', async () => {
    bedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'From the profile.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 4 } }));
    const answer = await client.chat.completions.create({ model: 'profile', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]?.message.content).toBe('From the profile.');
    const sent = bedrock.requests[0]!;
    expect(sent.path).toBe('/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Aapplication-inference-profile%2Fa1b2c3d4e5/converse');
    expect(sent.signature).toEqual({ ok: true, accessKeyId: ROLE_KEY_ID, region: 'eu-west-1', service: 'bedrock' });
  });

  it('signs with keys and region read from os.environ/ references', async () => {
    bedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'From env.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 2, outputTokens: 2 } }));
    const answer = await client.chat.completions.create({ model: 'env-keys', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]?.message.content).toBe('From env.');
    expect(bedrock.requests[0]?.signature).toEqual({ ok: true, accessKeyId: ROLE_KEY_ID, region: 'ap-southeast-2', service: 'bedrock' });
  });

  it('sends a Bedrock API key as a bearer token, unsigned', async () => {
    bedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'Nova here.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 3 } }));
    const answer = await client.chat.completions.create({ model: 'bearer', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]?.message.content).toBe('Nova here.');
    const sent = bedrock.requests[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.headers['x-amz-date']).toBeUndefined();
    expect(sent.path).toBe('/model/amazon.nova-pro-v1%3A0/converse');
  });

  it('answers a request Bedrock refuses for its signature as a 401 without the secret, and keeps serving', async () => {
    bedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'unreachable' }] } }, stopReason: 'end_turn', usage: {} }));
    const refused = await client.chat.completions.create({ model: 'wrong-secret', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(bedrock.requests[0]?.signature).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(JSON.stringify((refused as InstanceType<typeof OpenAI.APIError>).error)).not.toContain(WRONG_SECRET);
    const answer = await client.chat.completions.create({ model: 'bearer', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]?.message.content).toBe('unreachable');
  });

  it('maps ThrottlingException to a 429 with retry-after', async () => {
    bedrock.handle((_request, response) => sendAws(response, 429, 'ThrottlingException', 'Rate exceeded', { 'retry-after': '3' }));
    const refused = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.headers?.get('retry-after')).toBe('3');
  });

  it('embeds with Titan v2 through InvokeModel, one signed call per input, usage from Bedrock\'s token-count header', async () => {
    let next = 0;
    bedrock.handle((request, response) => {
      const vector = request.body.inputText === 'first' ? [0.25, -0.5, 1] : [2, 0.125, -4];
      const tokens = request.body.inputText === 'first' ? '4' : '3';
      next += 1;
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-bedrock-input-token-count': tokens });
      response.end(JSON.stringify({ embedding: vector, inputTextTokenCount: Number(tokens) }));
    });
    const { data, response } = await client.embeddings.create({ model: 'titan', input: ['first', 'second'], dimensions: 256 }).withResponse();
    expect(next).toBe(2);
    // The SDK asks for base64 and decodes it: the floats survive the trip exactly.
    expect(data.data.map((item) => item.embedding)).toEqual([
      [0.25, -0.5, 1],
      [2, 0.125, -4],
    ]);
    expect(data.usage).toMatchObject({ prompt_tokens: 7, total_tokens: 7 });
    expect(response.headers.get(COST_HEADER)).toBe(TITAN_COST);
    for (const request of bedrock.requests) {
      expect(request.path).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
      expect(request.signature?.ok).toBe(true);
    }
    expect(bedrock.requests.map((request) => request.body).sort((a, b) => a.inputText.localeCompare(b.inputText))).toEqual([
      { inputText: 'first', dimensions: 256 },
      { inputText: 'second', dimensions: 256 },
    ]);
  });
});
