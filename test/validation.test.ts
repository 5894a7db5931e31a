// Issue 3 over real sockets: per-model validation from the shipped capability data, drop_params
// at its three levels, models without capability data, model_info overrides and /model/info,
// through Express and Koa, with the official openai SDK as the client and a recording upstream.
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig, postJson, UPSTREAM_KEY } from './support/model-config.js';

const GPT_55 = ['none', 'low', 'medium', 'high', 'xhigh'];
const GPT_55_PRO = ['medium', 'high', 'xhigh'];
/** Values outside each model's list: OpenAI's other efforts, a made-up one, a wrong case, empty. */
const GPT_55_REFUSED = ['minimal', 'max', 'MEDIUM', ''];
const GPT_55_PRO_REFUSED = ['none', 'minimal', 'low', 'max', ''];

const HI = [{ role: 'user' as const, content: 'Hi' }];

/** The models under test, all served by the fake upstream. */
function models(apiBase: string) {
  return [
    modelEntry(apiBase, 'gpt-5.5', 'openai/gpt-5.5'),
    modelEntry(apiBase, 'gpt-5.5-pro', 'openai/gpt-5.5-pro'),
    modelEntry(apiBase, 'gpt-4o', 'openai/gpt-4o'),
    modelEntry(apiBase, 'gpt-5.5-lenient', 'openai/gpt-5.5', { drop_params: true }),
    modelEntry(apiBase, 'private', 'openai/my-private-finetune'),
    modelEntry(apiBase, 'gpt-5.5-capped', 'openai/gpt-5.5', {}, { limits: { max_output_tokens: 1000 } }),
    // Never called: only listed by /model/info, which must not reveal the credentials in its URL.
    modelEntry('http://svc:base-secret-987@127.0.0.1:9/v1', 'with-credentials', 'openai/gpt-4o'),
  ];
}

/** What the client gets for a request the SDK sends: the SDK's error, or undefined on success. */
async function refusal(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

describe.each(HOSTS)('validation through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({ config: modelsConfig(models(upstream.url)) });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const send = (body: unknown) => fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson(body));

  describe('the reasoning_effort table', () => {
    it.each(GPT_55)('gpt-5.5 accepts %s and sends it upstream unchanged', async (effort) => {
      const completion = await client.chat.completions.create({ model: 'gpt-5.5', messages: HI, reasoning_effort: effort as never });
      expect(completion.choices[0]?.message.content).toBe('Hello from upstream');
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(upstream.requests[0]?.body.reasoning_effort).toBe(effort);
    });

    it.each(GPT_55_PRO)('gpt-5.5-pro accepts %s and sends it to /v1/responses as reasoning.effort', async (effort) => {
      const completion = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, reasoning_effort: effort as never });
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]?.message.content).toBe('Hello from responses');
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(upstream.requests[0]?.body.reasoning).toEqual({ effort });
      expect(upstream.requests[0]?.body).not.toHaveProperty('reasoning_effort');
    });

    const refusedCases = [
      ...GPT_55_REFUSED.map((effort) => ({ model: 'gpt-5.5', effort, allowed: GPT_55 })),
      ...GPT_55_PRO_REFUSED.map((effort) => ({ model: 'gpt-5.5-pro', effort, allowed: GPT_55_PRO })),
    ];
    it.each(refusedCases)('$model refuses "$effort" with a 400 listing every allowed value; nothing goes upstream', async ({ model, effort, allowed }) => {
      const error = await refusal(client.chat.completions.create({ model, messages: HI, reasoning_effort: effort as never }));
      expect(error.status).toBe(400);
      expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_value', param: 'reasoning_effort' });
      const message = String((error.error as { message?: unknown }).message);
      expect(message).toContain(model);
      expect(message).toContain(`'${effort}'`);
      for (const value of allowed) expect(message).toContain(`'${value}'`);
      // Only the allowed values are offered: the refused one is never listed as supported.
      expect(message.slice(message.indexOf('Supported values'))).not.toContain(`'${effort}'`);
      expect(upstream.requests).toHaveLength(0);
    });

    it('the error body is exactly OpenAI-shaped', async () => {
      const response = await send({ model: 'gpt-5.5', messages: HI, reasoning_effort: 'minimal' });
      expect(response.status).toBe(400);
      expect(await readJson(response)).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'unsupported_value',
          param: 'reasoning_effort',
          message:
            "Unsupported value: 'reasoning_effort' does not support 'minimal' with model gpt-5.5. Supported values are: 'none', 'low', 'medium', 'high', 'xhigh'.",
        },
      });
    });

    it('the Responses API checks reasoning.effort against the same table', async () => {
      const error = await refusal(client.responses.create({ model: 'gpt-5.5-pro', input: 'Hi', reasoning: { effort: 'low' } }));
      expect(error.status).toBe(400);
      expect(error.error).toMatchObject({ code: 'unsupported_value', param: 'reasoning.effort' });
      expect(upstream.requests).toHaveLength(0);

      await client.responses.create({ model: 'gpt-5.5-pro', input: 'Hi', reasoning: { effort: 'xhigh' } });
      expect(upstream.requests[0]?.body.reasoning).toEqual({ effort: 'xhigh' });
    });
  });

  describe('validation rules', () => {
    it('refuses temperature 0.2 while reasoning is on (reasoning_effort high, or the default medium)', async () => {
      for (const body of [
        { model: 'gpt-5.5', messages: HI, temperature: 0.2, reasoning_effort: 'high' },
        { model: 'gpt-5.5', messages: HI, temperature: 0.2 },
      ]) {
        const response = await send(body);
        expect(response.status).toBe(400);
        expect((await readJson(response)).error).toMatchObject({ type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' });
      }
      expect(upstream.requests).toHaveLength(0);
    });

    it('accepts temperature 0.2 with reasoning_effort none and forwards both', async () => {
      await client.chat.completions.create({ model: 'gpt-5.5', messages: HI, temperature: 0.2, reasoning_effort: 'none' });
      expect(upstream.requests[0]?.body).toMatchObject({ temperature: 0.2, reasoning_effort: 'none' });
    });

    it.each(['max_tokens', 'max_completion_tokens'])('refuses %s above the 128,000-token output limit and accepts it at the limit', async (param) => {
      const over = await send({ model: 'gpt-5.5', messages: HI, [param]: 128_001 });
      expect(over.status).toBe(400);
      const error = (await readJson(over)).error;
      expect(error).toMatchObject({ type: 'invalid_request_error', param, code: 'invalid_value' });
      expect(error.message).toContain('128000');
      expect(upstream.requests).toHaveLength(0);

      await client.chat.completions.create({ model: 'gpt-5.5', messages: HI, [param]: 128_000 });
      expect(upstream.requests).toHaveLength(1);
    });

    it('sends max_tokens upstream as max_completion_tokens for gpt-5.5, and as max_tokens for gpt-4o', async () => {
      await client.chat.completions.create({ model: 'gpt-5.5', messages: HI, max_tokens: 300 });
      expect(upstream.requests[0]?.body.max_completion_tokens).toBe(300);
      expect(upstream.requests[0]?.body).not.toHaveProperty('max_tokens');

      await client.chat.completions.create({ model: 'gpt-4o', messages: HI, max_tokens: 300 });
      expect(upstream.requests[1]?.body.max_tokens).toBe(300);
      expect(upstream.requests[1]?.body).not.toHaveProperty('max_completion_tokens');
    });

    const wrongTypes: [string, Record<string, unknown>, string][] = [
      ['temperature as a string', { temperature: 'hot' }, 'temperature'],
      ['messages as a string', { messages: 'hi' }, 'messages'],
      ['a message role as a number', { messages: [{ role: 5, content: 'hi' }] }, 'messages[0].role'],
      ['max_tokens as a string', { max_tokens: '100' }, 'max_tokens'],
      ['stream as a string', { stream: 'yes' }, 'stream'],
    ];
    it.each(wrongTypes)('refuses %s with 400 invalid_type naming its path', async (_label, override, path) => {
      const response = await send({ model: 'gpt-5.5', messages: HI, ...override });
      expect(response.status).toBe(400);
      const error = (await readJson(response)).error;
      expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_type', param: path });
      expect(error.message).toContain(path);
      expect(upstream.requests).toHaveLength(0);
    });

    it('refuses missing messages (missing_required_parameter) and empty messages (invalid_value)', async () => {
      const missing = await send({ model: 'gpt-5.5' });
      expect(missing.status).toBe(400);
      expect((await readJson(missing)).error).toMatchObject({ code: 'missing_required_parameter', param: 'messages' });

      const empty = await send({ model: 'gpt-5.5', messages: [] });
      expect(empty.status).toBe(400);
      expect((await readJson(empty)).error).toMatchObject({ code: 'invalid_value', param: 'messages' });
      expect(upstream.requests).toHaveLength(0);
    });

    it('checks max_output_tokens on the Responses API against the same output limit', async () => {
      const error = await refusal(client.responses.create({ model: 'gpt-5.5', input: 'Hi', max_output_tokens: 128_001 }));
      expect(error.status).toBe(400);
      expect(error.error).toMatchObject({ code: 'invalid_value', param: 'max_output_tokens' });
      expect(upstream.requests).toHaveLength(0);
    });

    it('refuses a parameter the model does not support (reasoning_effort on gpt-4o)', async () => {
      const response = await send({ model: 'gpt-4o', messages: HI, reasoning_effort: 'low' });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toMatchObject({ code: 'unsupported_parameter', param: 'reasoning_effort' });
      expect(upstream.requests).toHaveLength(0);
    });
  });

  describe('drop_params', () => {
    it('per request: the unsupported value is dropped, listed in the header, and drop_params never goes upstream', async () => {
      const response = await send({ model: 'gpt-5.5', messages: HI, reasoning_effort: 'minimal', drop_params: true });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-dropped-params')).toBe('reasoning_effort');
      const body = upstream.requests[0]?.body;
      expect(body).toMatchObject({ model: 'gpt-5.5', messages: HI });
      expect(body).not.toHaveProperty('reasoning_effort');
      expect(body).not.toHaveProperty('drop_params');
    });

    it('per request, with the SDK: an unsupported parameter is dropped', async () => {
      const { data, response } = await client.chat.completions
        .create({ model: 'gpt-4o', messages: HI, reasoning_effort: 'high', verbosity: 'low', drop_params: true } as never)
        .withResponse();
      expect((data as OpenAI.ChatCompletion).choices[0]?.message.content).toBe('Hello from upstream');
      expect(response.headers.get('x-switchyard-dropped-params')?.split(', ').sort()).toEqual(['reasoning_effort', 'verbosity']);
      expect(upstream.requests[0]?.body).not.toHaveProperty('reasoning_effort');
      expect(upstream.requests[0]?.body).not.toHaveProperty('verbosity');
      expect(upstream.requests[0]?.body).not.toHaveProperty('drop_params');
    });

    it('per deployment (litellm_params.drop_params): a value a rule refuses is dropped, the rest kept', async () => {
      const response = await send({ model: 'gpt-5.5-lenient', messages: HI, temperature: 0.2, reasoning_effort: 'high' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-dropped-params')).toBe('temperature');
      const body = upstream.requests[0]?.body;
      expect(body.reasoning_effort).toBe('high');
      expect(body).not.toHaveProperty('temperature');
      expect(body).not.toHaveProperty('drop_params');
    });

    it('drops before the bridge: logprobs for gpt-5.5-pro is removed and the request goes to /v1/responses', async () => {
      const response = await send({ model: 'gpt-5.5-pro', messages: HI, logprobs: true, top_logprobs: 2, drop_params: true });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-dropped-params')?.split(', ').sort()).toEqual(['logprobs', 'top_logprobs']);
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(Object.keys(upstream.requests[0]?.body).sort()).toEqual(['input', 'model', 'store']);
    });

    it('is off unless asked: the same request to the plain deployment is refused', async () => {
      const response = await send({ model: 'gpt-5.5', messages: HI, temperature: 0.2, reasoning_effort: 'high' });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-switchyard-dropped-params')).toBeNull();
    });

    it('drop_params: false is never sent upstream either, and nothing is listed as dropped', async () => {
      const response = await send({ model: 'gpt-5.5', messages: HI, drop_params: false });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-dropped-params')).toBeNull();
      expect(upstream.requests[0]?.body).not.toHaveProperty('drop_params');
    });

    it('still refuses an output limit above the model maximum (dropping it would lift the limit)', async () => {
      const response = await send({ model: 'gpt-5.5', messages: HI, max_tokens: 200_000, drop_params: true });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.param).toBe('max_tokens');
      expect(upstream.requests).toHaveLength(0);
    });
  });

  describe('models without capability data and model_info overrides', () => {
    it('serves a private model with the base schema only and says so in a header', async () => {
      const { data, response } = await client.chat.completions
        .create({ model: 'private', messages: HI, reasoning_effort: 'whatever-the-server-likes', max_tokens: 500_000 } as never)
        .withResponse();
      expect((data as OpenAI.ChatCompletion).choices[0]?.message.content).toBe('Hello from upstream');
      expect(response.headers.get('x-switchyard-capabilities')).toBe('none');
      expect(upstream.requests[0]?.body).toMatchObject({
        model: 'my-private-finetune',
        reasoning_effort: 'whatever-the-server-likes',
        max_tokens: 500_000,
      });

      // The base schema still applies.
      const wrongType = await send({ model: 'private', messages: 'hi' });
      expect(wrongType.status).toBe(400);
      expect((await readJson(wrongType)).error).toMatchObject({ code: 'invalid_type', param: 'messages' });
      expect(upstream.requests).toHaveLength(1);
    });

    it('a model with capability data carries no such header', async () => {
      const { response } = await client.chat.completions.create({ model: 'gpt-5.5', messages: HI }).withResponse();
      expect(response.headers.get('x-switchyard-capabilities')).toBeNull();
    });

    it('enforces a model_info override (max_output_tokens 1000) for that deployment only', async () => {
      const over = await send({ model: 'gpt-5.5-capped', messages: HI, max_tokens: 1001 });
      expect(over.status).toBe(400);
      const error = (await readJson(over)).error;
      expect(error).toMatchObject({ code: 'invalid_value', param: 'max_tokens' });
      expect(error.message).toContain('1000');
      expect(upstream.requests).toHaveLength(0);

      await client.chat.completions.create({ model: 'gpt-5.5-capped', messages: HI, max_tokens: 1000 });
      await client.chat.completions.create({ model: 'gpt-5.5', messages: HI, max_tokens: 1001 });
      expect(upstream.requests.map((request) => request.body.max_completion_tokens)).toEqual([1000, 1001]);
    });

    it('keeps the shipped rules under an override: the capped deployment still refuses minimal', async () => {
      const response = await send({ model: 'gpt-5.5-capped', messages: HI, reasoning_effort: 'minimal' });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.param).toBe('reasoning_effort');
    });
  });

  describe('GET /model/info', () => {
    it('lists every deployment with mode, limits, prices, features and reasoning_effort, and never the key', async () => {
      for (const path of ['/v1/model/info', '/model/info']) {
        const response = await fetch(`${host.gatewayUrl}${path}`, { headers: { authorization: 'Bearer sk-master' } });
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(text).not.toContain(UPSTREAM_KEY);
        expect(text).not.toContain('sk-master');
        expect(text).not.toContain('base-secret-987');
        const { data } = JSON.parse(text) as { data: { model_name: string; model_info: Record<string, any> }[] };
        expect(data.map((entry) => entry.model_name)).toEqual(models('x').map((entry) => entry.model_name));
        const info = (name: string) => data.find((entry) => entry.model_name === name)!.model_info;

        expect(info('gpt-5.5')).toMatchObject({
          mode: 'chat',
          max_input_tokens: 1_050_000,
          max_output_tokens: 128_000,
          input_cost_per_token: 5e-6,
          cache_read_input_token_cost: 5e-7,
          output_cost_per_token: 3e-5,
          supports_reasoning: true,
          supports_function_calling: true,
          supports_parallel_function_calling: true,
          supports_vision: true,
          reasoning_effort: { values: GPT_55, default: 'medium' },
        });
        expect(info('gpt-5.5-pro')).toMatchObject({
          mode: 'responses',
          max_output_tokens: 128_000,
          input_cost_per_token: 3e-5,
          output_cost_per_token: 1.8e-4,
          reasoning_effort: { values: GPT_55_PRO, default: 'high' },
        });
        expect(info('gpt-4o')).toMatchObject({ mode: 'chat', max_output_tokens: 16_384, reasoning_effort: null });
        expect(info('gpt-5.5-capped')).toMatchObject({ mode: 'chat', max_output_tokens: 1000 });
        expect(info('private')).toMatchObject({ capabilities_found: false, mode: null, input_cost_per_token: null });
      }
    });

    it('needs the master key', async () => {
      const response = await fetch(`${host.gatewayUrl}/v1/model/info`);
      expect(response.status).toBe(401);
    });
  });
});

describe.each(HOSTS)('drop_params in litellm_settings, through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const config = modelsConfig(
      [
        modelEntry(upstream.url, 'gpt-4o', 'openai/gpt-4o'),
        modelEntry(upstream.url, 'gpt-5.5-strict', 'openai/gpt-5.5', { drop_params: false }),
      ],
      { litellm_settings: { drop_params: true } },
    );
    host = await startHost({ config });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  it('drops for every deployment: the request succeeds without the unsupported parameters', async () => {
    const response = await fetch(
      `${host.gatewayUrl}/v1/chat/completions`,
      postJson({ model: 'gpt-4o', messages: HI, reasoning_effort: 'low', verbosity: 'high', temperature: 0.5 }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-dropped-params')?.split(', ').sort()).toEqual(['reasoning_effort', 'verbosity']);
    const body = upstream.requests[0]?.body;
    expect(body).toMatchObject({ model: 'gpt-4o', temperature: 0.5 });
    expect(body).not.toHaveProperty('reasoning_effort');
    expect(body).not.toHaveProperty('verbosity');
    expect(body).not.toHaveProperty('drop_params');
  });

  it("a deployment's drop_params: false wins over the global setting", async () => {
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-5.5-strict', messages: HI, reasoning_effort: 'minimal' }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).error).toMatchObject({ code: 'unsupported_value', param: 'reasoning_effort' });
    expect(upstream.requests).toHaveLength(0);
  });
});
