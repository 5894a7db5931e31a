import { isDeepStrictEqual } from 'node:util';
import type { ModelCapability, ParamRule } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { describeValue } from './describe-value.js';
import { compileAccessor, locationName, paramLocation } from './param-locations.js';
import { compileParamSpec, specProblem } from './param-spec-check.js';
import type { CheckContext, RequestCheck } from './request-check.js';

interface CompiledCondition {
  readonly name: string;
  readonly read: (body: Record<string, unknown>) => unknown;
  readonly fallback: unknown;
  readonly values: readonly unknown[];
  readonly negated: boolean;
}

/**
 * Compiles one rule: when every `when` condition holds (an absent parameter counts as its
 * `default`), each `then` parameter must satisfy its spec, or is not accepted at all (`false`).
 */
export function compileRuleCheck(rule: ParamRule, capability: ModelCapability, endpoint: Endpoint, context: CheckContext): RequestCheck {
  const conditions: CompiledCondition[] = Object.entries(rule.when).map(([name, condition]) => ({
    name: locationName(paramLocation(endpoint, name)),
    read: compileAccessor(paramLocation(endpoint, name)),
    fallback: capability.params?.[name]?.default,
    values: condition.in ?? condition.not_in ?? [],
    negated: condition.in === undefined,
  }));
  const consequences = Object.entries(rule.then).map(([name, spec]) => {
    const location = paramLocation(endpoint, name);
    return { param: locationName(location), location, read: compileAccessor(location), spec, check: spec === false ? undefined : compileParamSpec(spec) };
  });
  const hint = () => describeEscape(conditions, rule, capability);

  return (body) => {
    for (const condition of conditions) if (!holds(condition, body)) return undefined;
    for (const consequence of consequences) {
      const value = consequence.read(body);
      if (value === undefined || value === null) continue;
      if (consequence.spec === false || consequence.check === undefined) {
        return {
          code: 'unsupported_parameter',
          param: consequence.param,
          message: `Unsupported parameter: '${consequence.param}' is not supported with model ${context.model}${describeWhen(conditions, body)}. It is accepted only when ${hint()}.`,
          drop: consequence.location,
        };
      }
      const error = consequence.check(value);
      if (error !== undefined) {
        return specProblem({
          spec: consequence.spec,
          error,
          param: consequence.param,
          value,
          model: context.model,
          location: consequence.location,
          context: describeWhen(conditions, body),
          hint: `Other values are accepted only when ${hint()}.`,
        });
      }
    }
    return undefined;
  };
}

function current(condition: CompiledCondition, body: Record<string, unknown>): { value: unknown; isDefault: boolean } {
  const value = condition.read(body);
  return value === undefined || value === null ? { value: condition.fallback, isDefault: true } : { value, isDefault: false };
}

function holds(condition: CompiledCondition, body: Record<string, unknown>): boolean {
  const { value } = current(condition, body);
  if (value === undefined) return condition.negated;
  const listed = condition.values.some((candidate) => candidate === value || (typeof candidate === 'object' && isDeepStrictEqual(candidate, value)));
  return listed !== condition.negated;
}

/** ` when reasoning_effort is 'medium' (the default)`. */
function describeWhen(conditions: readonly CompiledCondition[], body: Record<string, unknown>): string {
  const parts = conditions.map((condition) => {
    const { value, isDefault } = current(condition, body);
    if (value === undefined) return `${condition.name} is not set`;
    return `${condition.name} is ${describeValue(value)}${isDefault ? ' (the default)' : ''}`;
  });
  return ` when ${parts.join(' and ')}`;
}

/** `reasoning_effort is 'none'`: the settings under which the rule does not apply. */
function describeEscape(conditions: readonly CompiledCondition[], rule: ParamRule, capability: ModelCapability): string {
  const names = Object.keys(rule.when);
  return conditions
    .map((condition, index) => {
      if (condition.negated) return `${condition.name} is ${condition.values.map(describeValue).join(' or ')}`;
      const known = capability.params?.[names[index] ?? '']?.enum;
      const others = known?.filter((value) => !condition.values.includes(value));
      return others !== undefined && others.length > 0
        ? `${condition.name} is ${others.map(describeValue).join(' or ')}`
        : `${condition.name} is not ${condition.values.map(describeValue).join(' or ')}`;
    })
    .join(', or ');
}
