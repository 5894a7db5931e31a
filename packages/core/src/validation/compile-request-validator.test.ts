import { describe, expect, it } from 'vitest';
import { chat, refusal, target, targets } from './__fixtures__/targets.js';

describe('conditional rules (GPT-5.x sampling parameters)', () => {
  const gpt55 = target('gpt-5.5');

  it('refuses temperature other than 1 when reasoning_effort is not none, naming model, value and allowed values', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ temperature: 0.2, reasoning_effort: 'high' }))).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_value',
      param: 'temperature',
      message:
        "Unsupported value: 'temperature' does not support 0.2 with model gpt-5.5 when reasoning_effort is 'high'. " +
        "Supported values are: 1. Other values are accepted only when reasoning_effort is 'none'.",
    });
  });

  it('counts the default reasoning_effort when the request leaves it out', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ top_p: 0.5 }))?.message).toContain("when reasoning_effort is 'medium' (the default)");
  });

  it('accepts temperature, top_p and logprobs with reasoning_effort none, and sends the body unchanged', () => {
    const body = chat({ temperature: 0.2, top_p: 0.9, logprobs: true, top_logprobs: 3, reasoning_effort: 'none' });
    const prepared = gpt55.prepare('chat.completions', body, { dropParams: false });
    expect(prepared.body).toBe(body);
    expect(prepared.dropped).toEqual([]);
  });

  it('accepts the default values (temperature 1, logprobs false) at any reasoning effort', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ temperature: 1, top_p: 1, logprobs: false, reasoning_effort: 'xhigh' }))).toBeUndefined();
  });

  it('refuses logprobs and top_logprobs while reasoning', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ logprobs: true, reasoning_effort: 'low' }))).toMatchObject({ code: 'unsupported_value', param: 'logprobs' });
    expect(refusal(gpt55, 'chat.completions', chat({ top_logprobs: 2 }))).toMatchObject({
      code: 'unsupported_parameter',
      param: 'top_logprobs',
      message: expect.stringContaining("accepted only when reasoning_effort is 'none'"),
    });
  });

  it('treats null like an absent parameter', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ temperature: null, reasoning_effort: 'high' }))).toBeUndefined();
  });

  it('applies on the Responses API, where reasoning_effort is reasoning.effort', () => {
    const body = { model: 'gpt-5.5', input: 'Hi', temperature: 0.3, reasoning: { effort: 'low' } };
    expect(refusal(gpt55, 'responses', body)?.message).toContain("when reasoning.effort is 'low'");
    expect(refusal(gpt55, 'responses', { ...body, reasoning: { effort: 'none' } })).toBeUndefined();
  });

  it('lets gpt-5.1 (default reasoning_effort none) take temperature when reasoning_effort is absent', () => {
    expect(refusal(target('gpt-5.1'), 'chat.completions', chat({ temperature: 0.2 }))).toBeUndefined();
  });

  it('never lets gpt-5 (no none effort) take a temperature other than 1', () => {
    expect(refusal(target('gpt-5'), 'chat.completions', chat({ temperature: 0.7 }))).toMatchObject({ code: 'unsupported_value', param: 'temperature' });
  });
});

describe('parameters a model rejects', () => {
  it('refuses logit_bias on o3', () => {
    expect(refusal(target('o3'), 'chat.completions', chat({ logit_bias: { '50256': -100 } }))).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'logit_bias',
      message: "Unsupported parameter: 'logit_bias' is not supported with model o3.",
    });
  });

  it('refuses reasoning_effort on gpt-4o but takes temperature and logprobs freely', () => {
    const gpt4o = target('gpt-4o');
    expect(refusal(gpt4o, 'chat.completions', chat({ reasoning_effort: 'low' }))).toMatchObject({ code: 'unsupported_parameter', param: 'reasoning_effort' });
    expect(refusal(gpt4o, 'chat.completions', chat({ temperature: 0.2, top_p: 0.3, logprobs: true }))).toBeUndefined();
  });
});

describe('output token limits and token_param', () => {
  const gpt55 = target('gpt-5.5');

  it.each(['max_tokens', 'max_completion_tokens'])('refuses %s above the model output limit', (name) => {
    expect(refusal(gpt55, 'chat.completions', chat({ [name]: 200_000 }))).toMatchObject({
      status: 400,
      code: 'invalid_value',
      param: name,
      message: expect.stringMatching(/200000.*gpt-5\.5.*128000/),
    });
  });

  it('refuses max_output_tokens above the limit on the Responses API, even with drop_params', () => {
    const body = { model: 'gpt-5.5', input: 'Hi', max_output_tokens: 128_001 };
    expect(refusal(gpt55, 'responses', body, true)).toMatchObject({ code: 'invalid_value', param: 'max_output_tokens' });
    expect(refusal(gpt55, 'responses', { ...body, max_output_tokens: 128_000 })).toBeUndefined();
  });

  it('sends max_tokens upstream as max_completion_tokens for reasoning models, leaving the client body alone', () => {
    const body = chat({ max_tokens: 1000 });
    const prepared = gpt55.prepare('chat.completions', body, { dropParams: false });
    expect(prepared.body).toEqual(chat({ max_completion_tokens: 1000 }));
    expect(body).toEqual(chat({ max_tokens: 1000 }));
  });

  it('keeps max_tokens for models that take it (gpt-4o)', () => {
    const body = chat({ max_tokens: 1000 });
    expect(target('gpt-4o').prepare('chat.completions', body, { dropParams: false }).body).toBe(body);
    expect(refusal(target('gpt-4o'), 'chat.completions', chat({ max_tokens: 16_385 }))).toMatchObject({ param: 'max_tokens' });
  });

  it('refuses max_tokens together with max_completion_tokens where one is renamed into the other', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ max_tokens: 10, max_completion_tokens: 20 }))).toMatchObject({ code: 'invalid_value', param: 'max_tokens' });
  });
});

describe('the base request schema (any model, capability data or not)', () => {
  const gpt55 = target('gpt-5.5');

  it.each([
    [{ temperature: 'hot' }, 'temperature', "Invalid type for 'temperature': expected a number or null, but got a string instead."],
    [{ stream: 'yes' }, 'stream', "Invalid type for 'stream': expected a boolean or null, but got a string instead."],
    [{ max_tokens: 10.5 }, 'max_tokens', "Invalid type for 'max_tokens': expected an integer or null, but got a decimal instead."],
    [{ messages: [{ role: 5, content: 'Hi' }] }, 'messages[0].role', "Invalid type for 'messages[0].role': expected a string, but got an integer instead."],
    [{ messages: 'Hi' }, 'messages', "Invalid type for 'messages': expected an array, but got a string instead."],
  ])('refuses a known parameter of the wrong JSON type: %j', (extra, param, message) => {
    expect(refusal(gpt55, 'chat.completions', chat(extra))).toEqual({ status: 400, type: 'invalid_request_error', code: 'invalid_type', param, message });
  });

  it('refuses missing or empty messages', () => {
    expect(refusal(gpt55, 'chat.completions', { model: 'gpt-5.5' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'messages',
      message: "Missing required parameter: 'messages'.",
    });
    expect(refusal(gpt55, 'chat.completions', { model: 'gpt-5.5', messages: [] })).toMatchObject({ code: 'invalid_value', param: 'messages' });
    expect(refusal(gpt55, 'chat.completions', { model: 'gpt-5.5', messages: [{ content: 'Hi' }] })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'messages[0].role',
    });
  });

  it('requires input on the Responses API (unless a stored prompt carries it) and on embeddings', () => {
    expect(refusal(gpt55, 'responses', { model: 'gpt-5.5' })).toMatchObject({ code: 'missing_required_parameter', param: 'input' });
    expect(refusal(gpt55, 'responses', { model: 'gpt-5.5', prompt: { id: 'pmpt_1' } })).toBeUndefined();
    expect(refusal(target('text-embedding-3-small'), 'embeddings', { model: 'text-embedding-3-small' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'input',
    });
  });

  it('passes parameters it does not know (OpenAI-compatible servers have their own)', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ top_k: 5, guided_json: {} }))).toBeUndefined();
  });
});

describe('models and endpoints', () => {
  it('checks embedding dimensions against the model', () => {
    const small = target('text-embedding-3-small');
    expect(refusal(small, 'embeddings', { model: 'x', input: 'Hi', dimensions: 3072 })).toMatchObject({
      code: 'unsupported_value',
      param: 'dimensions',
      message: "Unsupported value: 'dimensions' does not support 3072 with model text-embedding-3-small. Supported values are from 1 to 1536.",
    });
    expect(refusal(target('text-embedding-3-large'), 'embeddings', { model: 'x', input: 'Hi', dimensions: 3072 })).toBeUndefined();
  });

  it('refuses an endpoint the model mode cannot serve', () => {
    expect(refusal(target('text-embedding-3-small'), 'chat.completions', chat())).toMatchObject({ status: 400, code: 'unsupported_endpoint', param: 'model' });
    expect(refusal(target('gpt-5.5'), 'embeddings', { model: 'x', input: 'Hi' })).toMatchObject({ code: 'unsupported_endpoint' });
  });

  it('finds capability data by upstream name and alias, never by the client-facing name', () => {
    const found = targets([
      { model_name: 'fast', litellm_params: { model: 'openai/gpt-5.5-2026-04-23', api_key: 'k' } },
      { model_name: 'gpt-5.5', litellm_params: { model: 'openai/ft:my-private-model', api_key: 'k' } },
    ]);
    expect(found.get('fast')?.capabilityName).toBe('gpt-5.5');
    expect(found.get('gpt-5.5')?.capability).toBeUndefined();
    expect(refusal(found.get('fast')!, 'chat.completions', chat({ reasoning_effort: 'minimal' }))?.message).toContain(
      'with model fast (gpt-5.5-2026-04-23)',
    );
  });

  it('serves a model without capability data with the base schema only', () => {
    const privateModel = targets([{ model_name: 'mine', litellm_params: { model: 'openai/ft:mine', api_key: 'k' } }]).get('mine')!;
    expect(refusal(privateModel, 'chat.completions', chat({ reasoning_effort: 'whatever', temperature: 1.5, max_tokens: 10_000_000 }))).toBeUndefined();
    expect(refusal(privateModel, 'chat.completions', chat({ temperature: 3 }))).toMatchObject({ code: 'invalid_value', param: 'temperature' });
  });
});
