import type { Features, ModelCapability } from '../../generated/capability.js';
import { assignLitellmFamily } from './assign-litellm-family.js';
import { litellmPricing } from './litellm-pricing.js';

/** Reports a problem with the entry; `skipped` when the entry was left out entirely. */
export type ReportProblem = (message: string, skipped: boolean) => void;

const MODES = new Set<string>(['chat', 'responses', 'embedding']);

const FEATURE_BY_FLAG: Readonly<Record<string, keyof Features>> = {
  supports_reasoning: 'reasoning',
  supports_function_calling: 'function_calling',
  supports_parallel_function_calling: 'parallel_tool_calls',
  supports_vision: 'vision',
  supports_pdf_input: 'pdf_input',
  supports_prompt_caching: 'prompt_caching',
  supports_web_search: 'web_search',
  supports_response_schema: 'structured_output',
  supports_system_messages: 'system_messages',
  supports_native_streaming: 'native_streaming',
};

const ENDPOINT_BY_PATH: Readonly<Record<string, 'chat.completions' | 'responses' | 'embeddings' | 'batch'>> = {
  '/v1/chat/completions': 'chat.completions',
  '/v1/responses': 'responses',
  '/v1/embeddings': 'embeddings',
  '/v1/batch': 'batch',
};

/**
 * One entry of LiteLLM's model_prices_and_context_window.json → a capability entry. Entries
 * Switchyard cannot serve (image, audio, rerank … modes; no provider) are skipped and
 * reported; a malformed value is left out and reported; unknown keys are ignored. An OpenAI
 * model gets the family its flags and name point to (`extends`, see assignLitellmFamily).
 */
export function convertLitellmEntry(model: string, entry: unknown, report: ReportProblem): ModelCapability | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    report('skipped: the entry is not a JSON object', true);
    return undefined;
  }
  const source = entry as Readonly<Record<string, unknown>>;
  const mode = source.mode;
  if (typeof mode !== 'string' || !MODES.has(mode)) {
    const found = mode === undefined ? 'no mode' : `mode ${JSON.stringify(mode)}`;
    report(`skipped: ${found}; Switchyard serves chat, responses and embedding models`, true);
    return undefined;
  }
  const provider = source.litellm_provider;
  if (typeof provider !== 'string' || provider === '') {
    report('skipped: no litellm_provider', true);
    return undefined;
  }
  const family = assignLitellmFamily(model, source);
  const capability: ModelCapability = family === undefined ? { provider, mode: mode as ModelCapability['mode'] } : { extends: family, provider, mode: mode as ModelCapability['mode'] };

  const endpoints = convertEndpoints(source.supported_endpoints);
  if (endpoints !== undefined) capability.endpoints = endpoints;
  const limits = convertLimits(source, mode, report);
  if (limits !== undefined) capability.limits = limits;
  const pricing = litellmPricing(source, (message) => report(message, false));
  if (pricing !== undefined) capability.pricing = pricing;
  const features = convertFeatures(source);
  if (features !== undefined) capability.features = features;
  if (source.supports_reasoning === true) capability.params = { reasoning_effort: { enum: reasoningEfforts(source) } };
  return capability;
}

/**
 * The reasoning_effort values a reasoning model accepts. medium and high always; none and
 * minimal only where their flag is true (o3 and gpt-5 have no `none`; o3 has no `minimal`);
 * low unless its flag is false (the map only ever says `false`: gpt-5.5-pro); xhigh only where
 * its flag is true.
 */
export function reasoningEfforts(source: Readonly<Record<string, unknown>>): [string, ...string[]] {
  const efforts: string[] = [];
  if (source.supports_none_reasoning_effort === true) efforts.push('none');
  if (source.supports_minimal_reasoning_effort === true) efforts.push('minimal');
  if (source.supports_low_reasoning_effort !== false) efforts.push('low');
  efforts.push('medium', 'high');
  if (source.supports_xhigh_reasoning_effort === true) efforts.push('xhigh');
  return efforts as [string, ...string[]];
}

function convertEndpoints(value: unknown): ModelCapability['endpoints'] {
  if (!Array.isArray(value)) return undefined;
  const endpoints = new Set<NonNullable<ModelCapability['endpoints']>[number]>();
  for (const path of value) {
    const endpoint = typeof path === 'string' ? ENDPOINT_BY_PATH[path] : undefined;
    if (endpoint !== undefined) endpoints.add(endpoint);
  }
  // Only image or audio endpoints listed: say nothing rather than "serves no endpoint".
  return endpoints.size > 0 ? [...endpoints] : undefined;
}

/**
 * `max_tokens` is LiteLLM's legacy key: the output limit where the provider publishes one,
 * else the context window. It stands in for max_output_tokens only when it is smaller than
 * the input limit (or there is none), and for max_input_tokens of an embedding model.
 */
function convertLimits(source: Readonly<Record<string, unknown>>, mode: string, report: ReportProblem): ModelCapability['limits'] {
  const read = (key: string): number | undefined => {
    const value = source[key];
    // LiteLLM writes 0 where a provider publishes no limit.
    if (value === undefined || value === null || value === 0) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
    report(`ignored ${key}: expected a positive whole number, got ${JSON.stringify(value)}`, false);
    return undefined;
  };
  let maxInput = read('max_input_tokens');
  let maxOutput = read('max_output_tokens');
  const legacy = read('max_tokens');
  if (mode === 'embedding') maxInput ??= legacy;
  else if (maxOutput === undefined && legacy !== undefined && (maxInput === undefined || legacy < maxInput)) maxOutput = legacy;
  if (maxInput === undefined && maxOutput === undefined) return undefined;
  const limits: NonNullable<ModelCapability['limits']> = {};
  if (maxInput !== undefined) limits.max_input_tokens = maxInput;
  if (maxOutput !== undefined && mode !== 'embedding') limits.max_output_tokens = maxOutput;
  return limits;
}

function convertFeatures(source: Readonly<Record<string, unknown>>): Features | undefined {
  let features: Features | undefined;
  for (const [flag, feature] of Object.entries(FEATURE_BY_FLAG)) {
    const value = source[flag];
    if (typeof value === 'boolean') (features ??= {})[feature] = value;
  }
  return features;
}
