import { openAICompatibleProviders, type Endpoint, type OpenAICompatibleProvider } from '@switchyard/core';

/** A table row with the environment values it names, read once when the provider is created. */
export interface ProviderDefaults {
  readonly row: OpenAICompatibleProvider;
  readonly apiBase: string | undefined;
  readonly apiKey: string | undefined;
  readonly endpoints: ReadonlySet<Endpoint>;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The LiteLLM prefixes the OpenAI plugin serves from data: schemas/providers/openai-compatible.json. */
export function openAICompatiblePrefixes(): string[] {
  return Object.keys(openAICompatibleProviders().providers);
}

/** Every row of the shipped table, with its api_base/api_key variables looked up in `env`. */
export function readProviderDefaults(env: Environment): Map<string, ProviderDefaults> {
  const defaults = new Map<string, ProviderDefaults>();
  for (const [prefix, row] of Object.entries(openAICompatibleProviders().providers)) {
    defaults.set(prefix, {
      row,
      apiBase: firstSet(env, row.api_base_env) ?? row.api_base,
      apiKey: firstSet(env, row.api_key_env),
      endpoints: new Set(row.endpoints),
    });
  }
  return defaults;
}

function firstSet(env: Environment, names: readonly string[] | undefined): string | undefined {
  for (const name of names ?? []) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
