import type { ProviderPlugin } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { withDefaultProviders } from './with-default-providers.js';

const own = (name: string): ProviderPlugin => ({ name, create: () => ({ endpoints: new Set(), send: () => Promise.reject(new Error('unused')) }) });

describe('withDefaultProviders', () => {
  it('adds OpenAI, Anthropic, Azure and Bedrock when the host gives none', () => {
    expect(withDefaultProviders().map((plugin) => plugin.name)).toEqual(['openai', 'anthropic', 'azure', 'bedrock']);
  });

  it("keeps a host's own plugin under a default name and adds only the missing default", () => {
    const mine = own('anthropic');
    const providers = withDefaultProviders([mine, own('acme')]);
    expect(providers.map((plugin) => plugin.name)).toEqual(['openai', 'anthropic', 'acme', 'azure', 'bedrock']);
    expect(providers[1]).toBe(mine);
  });
});
