import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { compileBridgeChecks } from './compile-bridge-checks.js';
import { compileFeatureChecks } from './compile-feature-checks.js';
import { compileRuleCheck } from './compile-rule-check.js';
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
