// The reasoning_effort table of issue 3, end to end through the gateway with a recording
// provider: every allowed value reaches the upstream; every other value is refused with
// OpenAI's 400 and the upstream receives nothing.
import { describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/create-gateway.js';
import { silentLogger } from '../logging/logger.js';
import { post, recordingProvider } from './__fixtures__/recording-provider.js';

const GPT_55 = ['none', 'low', 'medium', 'high', 'xhigh'];
const GPT_55_PRO = ['medium', 'high', 'xhigh'];
const EVERY_VALUE = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'MEDIUM'];

function gateway() {
  const upstream = recordingProvider();
  const instance = createGateway({
    config: {
      model_list: [
        { model_name: 'gpt-5.5', litellm_params: { model: 'openai/gpt-5.5', api_key: 'sk-test' } },
        { model_name: 'gpt-5.5-pro', litellm_params: { model: 'openai/gpt-5.5-pro', api_key: 'sk-test' } },
      ],
    },
    providers: [upstream.plugin],
    logger: silentLogger,
  });
  return { instance, calls: upstream.calls };
}

const quoted = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

const TABLE = [
  { model: 'gpt-5.5', path: '/v1/chat/completions', param: 'reasoning_effort', allowed: GPT_55 },
  { model: 'gpt-5.5-pro', path: '/v1/chat/completions', param: 'reasoning_effort', allowed: GPT_55_PRO },
  { model: 'gpt-5.5', path: '/v1/responses', param: 'reasoning.effort', allowed: GPT_55 },
  { model: 'gpt-5.5-pro', path: '/v1/responses', param: 'reasoning.effort', allowed: GPT_55_PRO },
];

function body(model: string, path: string, effort: string) {
  return path === '/v1/responses'
    ? { model, input: 'Hi', reasoning: { effort } }
    : { model, messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: effort };
}

describe.each(TABLE)('reasoning_effort for $model on $path', ({ model, path, param, allowed }) => {
  const { instance, calls } = gateway();

  it.each(allowed)('accepts %s and sends it upstream', async (effort) => {
    calls.length = 0;
    const response = await instance.handle(post(path, body(model, path, effort)));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0]?.body)).toContain(`"${effort}"`);
  });

  it.each(EVERY_VALUE.filter((value) => !allowed.includes(value)))('refuses %s before any upstream call', async (effort) => {
    calls.length = 0;
    const response = await instance.handle(post(path, body(model, path, effort)));
    expect(response.status).toBe(400);
    expect(response.kind === 'json' && response.body).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'unsupported_value',
        param,
        message: `Unsupported value: '${param}' does not support '${effort}' with model ${model}. Supported values are: ${quoted(allowed)}.`,
      },
    });
    expect(calls).toHaveLength(0);
  });
});
