import type { Deployment } from '../config/deployment.js';
import { GatewayError } from '../errors/gateway-error.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { capabilitySchema } from './capability-schema.js';
import type { ModelCapabilityPatch } from './merge-capability.js';

const LIMIT_KEYS = ['max_input_tokens', 'max_output_tokens'] as const;
/** LiteLLM's price keys (`input_cost_per_token`, `cache_read_input_token_cost_flex`, …). */
const PRICE_KEY = /(_cost_per_|_token_cost)/;

/**
 * The capability fields a deployment's `model_info` overrides: Switchyard's own (mode, limits,
 * params, …) validated by the capability schema as a partial entry, plus LiteLLM's flat
 * `max_input_tokens` / `max_output_tokens`. LiteLLM price keys are checked here and applied
 * by deploymentPricing. Any other key (`id`, `base_model`) is not a capability. A bad value is
 * a start-up error naming `model_list[i].model_info.<path>`.
 */
export function modelInfoOverride(deployment: Deployment): ModelCapabilityPatch | undefined {
  const info = deployment.modelInfo;
  if (info === undefined) return undefined;
  const { patch: validate, fields } = capabilitySchema();
  const root = `${deployment.configPath}.model_info`;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(info)) if (fields.has(key)) patch[key] = info[key];
  const problems = validate(patch) ? [] : describeAjvErrors(validate.errors, root);
  const limits: Record<string, number> = {};
  for (const key of LIMIT_KEYS) {
    const value = info[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) limits[key] = value;
    else problems.push(`${root}.${key} must be an integer >= 1`);
  }
  for (const [key, value] of Object.entries(info)) {
    if (PRICE_KEY.test(key) && value !== null && (typeof value !== 'number' || !(value >= 0))) {
      problems.push(`${root}.${key} must be a number >= 0 (USD per token)`);
    }
  }
  // Families resolve when the sources are collected, before any deployment's override.
  if (patch.extends !== undefined) problems.push(`${root}.extends is not supported: a family is chosen in a capability file, not per deployment`);
  if (problems.length > 0) {
    throw new GatewayError('invalid_config', `Invalid config: ${problems.join('; ')}.`);
  }
  if (Object.keys(limits).length > 0) patch.limits = { ...limits, ...(patch.limits as object | undefined) };
  return Object.keys(patch).length === 0 ? undefined : (patch as ModelCapabilityPatch);
}
