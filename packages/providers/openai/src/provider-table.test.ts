import { readFileSync } from 'node:fs';
import { openAICompatibleProviders } from '@switchyard/core';
import { describe, expect, it } from 'vitest';

// The table is data: these checks keep it and its documentation honest.
const PROVIDERS_DOC = readFileSync(new URL('../../../../docs/providers.md', import.meta.url), 'utf8');

describe('schemas/providers/openai-compatible.json', () => {
  const table = openAICompatibleProviders();

  it('has every prefix issue 8 names', () => {
    const required = ['ollama', 'ollama_chat', 'groq', 'openrouter', 'mistral', 'deepseek', 'together_ai', 'fireworks_ai', 'xai', 'perplexity', 'cerebras', 'deepinfra', 'nvidia_nim', 'sambanova', 'github', 'huggingface', 'lm_studio', 'hosted_vllm', 'openai_like', 'custom_openai', 'llamafile', 'volcengine', 'dashscope', 'moonshot'];
    expect(Object.keys(table.providers)).toEqual(expect.arrayContaining(required));
  });

  it('gives every row a source and a usable base URL or says it needs one', () => {
    for (const [prefix, row] of Object.entries(table.providers)) {
      expect(row.docs, prefix).toMatch(/^https:\/\//);
      if (row.api_base !== undefined) expect(URL.canParse(row.api_base), prefix).toBe(true);
      else expect(PROVIDERS_DOC, prefix).toContain(`| \`${prefix}/\` | — required`);
    }
  });

  it('is documented row by row in docs/providers.md', () => {
    for (const prefix of [...Object.keys(table.providers), ...Object.keys(table.not_served)]) {
      expect(PROVIDERS_DOC, prefix).toContain(`| \`${prefix}/\` |`);
    }
  });

  it('never lists a prefix both as served and as not served', () => {
    for (const prefix of Object.keys(table.not_served)) expect(table.providers[prefix], prefix).toBeUndefined();
  });
});
