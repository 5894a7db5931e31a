import { GatewayError } from '../errors/gateway-error.js';
import { createAjv } from '../json-schema/create-ajv.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { readSchemaFile } from '../json-schema/read-schema.js';
import type { Endpoint } from './provider.js';

/** One row of schemas/providers/openai-compatible.json (shape: openai-compatible-providers.schema.json). */
export interface OpenAICompatibleProvider {
  readonly api_base?: string;
  readonly api_base_env?: readonly string[];
  readonly api_key_env?: readonly string[];
  readonly api_key_required?: boolean;
  readonly openai_path?: string;
  readonly endpoints: readonly Endpoint[];
  readonly auth?: { readonly header: string; readonly scheme?: string };
  readonly headers?: Readonly<Record<string, string>>;
  readonly docs: string;
  readonly litellm_docs?: string;
  readonly note?: string;
}

/** A prefix LiteLLM knows that no Switchyard plugin serves yet. */
export interface NotServedProvider {
  readonly reason: string;
  readonly alternative?: string;
  readonly docs?: string;
}

export interface OpenAICompatibleTable {
  readonly providers: Readonly<Record<string, OpenAICompatibleProvider>>;
  readonly not_served: Readonly<Record<string, NotServedProvider>>;
}

let table: OpenAICompatibleTable | undefined;

/**
 * The shipped table of OpenAI-compatible LiteLLM prefixes, read and validated against its
 * schema once per process (and frozen: every gateway shares it). A broken table is a packaging
 * bug, so it throws rather than serving a half-read list.
 */
export function openAICompatibleProviders(): OpenAICompatibleTable {
  if (table !== undefined) return table;
  const data = readSchemaFile<Record<string, unknown>>('providers/openai-compatible.json');
  const validate = createAjv().compile(readSchemaFile<object>('openai-compatible-providers.schema.json'));
  if (!validate(data)) {
    const problems = describeAjvErrors(validate.errors).join('; ');
    throw new GatewayError('invalid_config', `schemas/providers/openai-compatible.json is invalid: ${problems}`);
  }
  table = deepFreeze({ providers: data.providers, not_served: data.not_served ?? {} } as OpenAICompatibleTable);
  return table;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
