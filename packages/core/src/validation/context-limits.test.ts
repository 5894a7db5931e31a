import { describe, expect, it } from 'vitest';
import { chat, refusal, target } from './__fixtures__/targets.js';
import { inputTokensAbove } from './input-token-bound.js';

// Issue 9, item 4: limits checked before upstream. gpt-4o: 128,000 input and 16,384 output tokens.
describe('context limits', () => {
  const gpt4o = target('gpt-4o');

  it('refuses an output limit above the model’s, on both APIs', () => {
    expect(refusal(gpt4o, 'chat.completions', chat({ max_completion_tokens: 16_385 }))).toMatchObject({ status: 400, code: 'invalid_value', param: 'max_completion_tokens' });
    expect(refusal(gpt4o, 'responses', { model: 'm', input: 'Hi', max_output_tokens: 20_000 })).toMatchObject({ status: 400, param: 'max_output_tokens' });
  });

  it('refuses an input that certainly exceeds max_input_tokens with context_length_exceeded', () => {
    // "word " is one o200k token: 130,000 of them are over 128,000 whatever the message overhead.
    const long = 'word '.repeat(130_000);
    expect(refusal(gpt4o, 'chat.completions', { model: 'm', messages: [{ role: 'user', content: long }] })).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      param: 'messages',
    });
    expect(refusal(gpt4o, 'responses', { model: 'm', instructions: 'Be brief.', input: [{ role: 'user', content: [{ type: 'input_text', text: long }] }] })).toMatchObject({
      code: 'context_length_exceeded',
      param: 'input',
    });
    // Not droppable: drop_params cannot make an input shorter.
    expect(refusal(gpt4o, 'chat.completions', { model: 'm', messages: [{ role: 'user', content: long }] }, true)).toMatchObject({ code: 'context_length_exceeded' });
  });

  it('passes an input that is long in characters but within the limit in tokens', () => {
    // 600,000 bytes (over both no-tokenizer bounds) but only about 100,000 tokens.
    const long = 'hello '.repeat(100_000);
    expect(refusal(gpt4o, 'chat.completions', { model: 'm', messages: [{ role: 'user', content: long }] })).toBeUndefined();
  });

  it('counts text spread over messages and parts, and stops at the limit', () => {
    const body = { messages: [{ role: 'system', content: 'word '.repeat(600) }, { role: 'user', content: [{ type: 'text', text: 'word '.repeat(600) }] }] };
    expect(inputTokensAbove('chat.completions', body, 1_000)).toBe(1_001);
    expect(inputTokensAbove('chat.completions', body, 1_300)).toBeUndefined();
    expect(inputTokensAbove('chat.completions', { messages: [{ role: 'user', content: 'Hi' }] }, 10)).toBeUndefined();
  });

  it('bounds a word with no whitespace by its bytes instead of tokenizing it (BPE is quadratic in a word)', () => {
    // 2 MB of one character: the tokenizer would take minutes on it; 2,000,000 / 128 bytes per token at most.
    const run = { messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] };
    expect(inputTokensAbove('chat.completions', run, 10_000)).toBe(15_625);
    expect(inputTokensAbove('chat.completions', run, 20_000)).toBeUndefined();
  });

  it('counts long text in pieces cut at whitespace and stays a lower bound of the whole count', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(5_000); // 10 tokens per sentence
    const body = { messages: [{ role: 'user', content: text }] };
    const whole = inputTokensAbove('chat.completions', body, 1)!;
    expect(whole).toBeGreaterThan(1);
    const counted = inputTokensAbove('chat.completions', body, 40_000);
    expect(counted).toBeGreaterThan(40_000);
    expect(counted).toBeLessThanOrEqual(50_000);
    expect(inputTokensAbove('chat.completions', body, 50_000)).toBeUndefined();
  });
});
