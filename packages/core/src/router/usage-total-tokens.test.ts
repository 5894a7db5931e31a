import { describe, expect, it } from 'vitest';
import { usageTotalTokens } from './usage-total-tokens.js';

describe('usageTotalTokens', () => {
  it("reads OpenAI's total, else adds Anthropic's parts, cache included", () => {
    expect(usageTotalTokens({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 })).toBe(15);
    expect(usageTotalTokens({ input_tokens: 50, cache_read_input_tokens: 3000, cache_creation_input_tokens: 1200, output_tokens: 140 })).toBe(4390);
    expect(usageTotalTokens({ output_tokens: 89 })).toBe(89);
    expect(usageTotalTokens({ input_tokens: 5 })).toBeUndefined();
    expect(usageTotalTokens(null)).toBeUndefined();
  });
});
