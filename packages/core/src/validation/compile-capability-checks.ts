import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { compileBridgeChecks } from './compile-bridge-checks.js';
import { compileFeatureChecks } from './compile-feature-checks.js';
import { compileRuleCheck } from './compile-rule-check.js';
import { inputTokensAbove } from './input-token-bound.js';
import { describeValue } from './describe-value.js';
import { OUTPUT_TOKEN_PARAMS, compileAccessor, locationName, paramLocation } from './param-locations.js';
import { compileParamSpec, specProblem } from './param-spec-check.js';
import type { CheckContext, RequestCheck } from './request-check.js';

/**
 * Turns a capability entry into the checks one endpoint's requests go through, in the order
 * their problems are reported: token parameters and limits, parameters the model rejects,
 * accepted values, then rules. Compiled once per deployment; each check reads only the
 * parameters it is about and allocates nothing when the request is fine.
 */
export function compileCapabilityChecks(capability: ModelCapability, endpoint: Endpoint, context: CheckContext): RequestCheck[] {
  const checks: RequestCheck[] = [];
  if (endpoint === 'chat.completions' && capability.token_param === 'max_completion_tokens') checks.push(bothTokenParamsCheck(context));
  const limit = capability.limits?.max_output_tokens;
  if (limit !== undefined) for (const name of OUTPUT_TOKEN_PARAMS[endpoint]) checks.push(outputLimitCheck(name, limit, context));
  const inputLimit = capability.limits?.max_input_tokens;
  // An embedding model's limit is per input, not for the request: not checked here.
  if (inputLimit !== undefined && endpoint !== 'embeddings') checks.push(inputLimitCheck(endpoint, inputLimit, context));
  for (const name of capability.unsupported_params ?? []) checks.push(unsupportedCheck(paramLocation(endpoint, name), context));
  checks.push(...compileFeatureChecks(capability, endpoint, context));
  for (const [name, spec] of Object.entries(capability.params ?? {})) {
    const location = paramLocation(endpoint, name);
    const param = locationName(location);
    const read = compileAccessor(location);
    const check = compileParamSpec(spec);
    checks.push((body) => {
      const value = read(body);
      if (value === undefined || value === null) return undefined;
      const error = check(value);
      return error === undefined ? undefined : specProblem({ spec, error, param, value, model: context.model, location });
    });
  }
  for (const rule of capability.rules ?? []) checks.push(compileRuleCheck(rule, capability, endpoint, context));
  checks.push(...compileBridgeChecks(capability, endpoint, context));
  return checks;
}

function unsupportedCheck(location: readonly string[], context: CheckContext): RequestCheck {
  const param = locationName(location);
  const read = compileAccessor(location);
  return (body) => {
    const value = read(body);
    if (value === undefined || value === null) return undefined;
    return {
      code: 'unsupported_parameter',
      param,
      message: `Unsupported parameter: '${param}' is not supported with model ${context.model}.`,
      drop: location,
    };
  };
}

/** An output limit above the model's is refused even under drop_params: dropping it would lift the limit. */
function outputLimitCheck(name: string, limit: number, context: CheckContext): RequestCheck {
  return (body) => {
    const value = body[name];
    if (typeof value !== 'number' || value <= limit) return undefined;
    return {
      code: 'invalid_value',
      param: name,
      message: `Invalid '${name}': ${describeValue(value)} is too large. Model ${context.model} supports at most ${limit} output tokens; supported values are 1 to ${limit}.`,
    };
  };
}

/**
 * An input that certainly exceeds the model's context window is refused before upstream, with
 * OpenAI's `context_length_exceeded`, never dropped. "Certainly": the count is a lower bound
 * (see inputTokensAbove); an input that might fit goes upstream to be judged there.
 */
function inputLimitCheck(endpoint: Endpoint, limit: number, context: CheckContext): RequestCheck {
  const param = endpoint === 'chat.completions' ? 'messages' : 'input';
  return (body) => {
    const tokens = inputTokensAbove(endpoint, body, limit);
    if (tokens === undefined) return undefined;
    return {
      code: 'context_length_exceeded',
      param,
      message: `This model's maximum context length is ${limit} tokens. However, your ${param} resulted in at least ${tokens} tokens. Please reduce the length of the ${param}. (Model ${context.model}, checked before upstream.)`,
    };
  };
}

/** The model wants max_completion_tokens; max_tokens is renamed, so both at once is ambiguous. */
function bothTokenParamsCheck(context: CheckContext): RequestCheck {
  return (body) => {
    if (body.max_tokens === undefined || body.max_tokens === null || body.max_completion_tokens === undefined) return undefined;
    return {
      code: 'invalid_value',
      param: 'max_tokens',
      message: `Use either 'max_tokens' or 'max_completion_tokens', not both. Model ${context.model} takes 'max_completion_tokens'.`,
      drop: ['max_tokens'],
    };
  };
}
