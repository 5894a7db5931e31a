import { describe, expect, it } from 'vitest';
import { chat, refusal, target, targets } from './__fixtures__/targets.js';

// Issue 9, items 9 and 10: chat parameters a Responses-only model cannot take, decided before upstream.
describe('chat/completions for a model served through the Responses API', () => {
  const pro = target('gpt-5.5-pro');

  it('refuses n > 1, stop and seed by default, naming the parameter', () => {
    for (const [param, value] of [['n', 2], ['stop', ['\n']], ['seed', 7]] as const) {
      expect(refusal(pro, 'chat.completions', chat({ [param]: value }))).toMatchObject({ status: 400, code: 'unsupported_parameter', param });
    }
    expect(refusal(pro, 'chat.completions', chat({ n: 1 }))).toBeUndefined();
  });

  it('drops them under drop_params and lists them, like every other unsupported parameter', () => {
    expect(pro.prepare('chat.completions', chat({ n: 2, stop: ['\n'], seed: 7 }), { dropParams: true })).toEqual({ body: chat(), dropped: ['n', 'stop', 'seed'] });
  });

  it('accepts web_search_options where the model searches the web, and refuses (or drops) it where it does not', () => {
    const options = { web_search_options: { search_context_size: 'low' } };
    expect(refusal(pro, 'chat.completions', chat(options))).toBeUndefined();
    const offline = targets([
      { model_name: 'pro', litellm_params: { model: 'openai/gpt-5.5-pro', api_key: 'k' }, model_info: { features: { web_search: false } } },
    ]).get('pro')!;
    expect(refusal(offline, 'chat.completions', chat(options))).toMatchObject({ code: 'unsupported_parameter', param: 'web_search_options' });
    expect(offline.prepare('chat.completions', chat(options), { dropParams: true }).dropped).toEqual(['web_search_options']);
  });

  it('refuses an output limit below the Responses minimum of 16, naming the parameter the client sent', () => {
    expect(refusal(pro, 'chat.completions', chat({ max_tokens: 5 }))).toMatchObject({
      status: 400,
      code: 'invalid_value',
      param: 'max_tokens',
      message: "Invalid 'max_tokens': 5 is too small. Model gpt-5.5-pro is served through the Responses API, which needs an output limit of at least 16 tokens.",
    });
    expect(refusal(pro, 'chat.completions', chat({ max_completion_tokens: 15 }), true)).toMatchObject({ param: 'max_completion_tokens' });
    expect(refusal(pro, 'chat.completions', chat({ max_completion_tokens: 16 }))).toBeUndefined();
  });

  it('leaves chat models alone: stop and seed pass for gpt-5.5', () => {
    expect(refusal(target('gpt-5.5'), 'chat.completions', chat({ stop: ['\n'], seed: 7, max_tokens: 5 }))).toBeUndefined();
  });
});
