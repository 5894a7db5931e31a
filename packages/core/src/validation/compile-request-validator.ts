import type { PreparedRequest } from '../capabilities/capability-snapshot.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { baseProblem, baseValidator } from './base-validator.js';
import { compileCapabilityChecks } from './compile-capability-checks.js';
import { locationName, removeLocation } from './param-locations.js';
import { problemToError, type RequestProblem } from './request-problem.js';
import type { RequestCheck } from './request-check.js';

export interface RequestValidatorOptions {
  readonly endpoint: Endpoint;
  /** Undefined for a model without capability data: the base schema alone applies. */
  readonly capability: ModelCapability | undefined;
  /** The model as messages name it. */
  readonly model: string;
}

export interface PrepareOptions {
  /** Remove unsupported parameters and values instead of refusing the request. */
  readonly dropParams: boolean;
}

/** Checks (and, where the model needs it, rewrites) one endpoint's request bodies for one deployment. */
export type RequestValidator = (body: Record<string, unknown>, options: PrepareOptions) => PreparedRequest;

const NOTHING_DROPPED: readonly string[] = Object.freeze([]);

/**
 * Compiles the validator of one deployment × endpoint: the endpoint's base request schema,
 * then the capability's checks. Runs once, when a snapshot is built. The returned function
 * allocates nothing beyond its result for a request that passes unchanged, and never changes
 * the client's body (changes go into a copy).
 */
export function compileRequestValidator(options: RequestValidatorOptions): RequestValidator {
  const { endpoint, capability, model } = options;
  const base = baseValidator(endpoint);
  const wrongEndpoint = capability === undefined ? undefined : endpointMismatch(capability, endpoint, model);
  const checks = capability === undefined ? [] : compileCapabilityChecks(capability, endpoint, { model });
  const renameMaxTokens = endpoint === 'chat.completions' && capability?.token_param === 'max_completion_tokens';

  return (body, { dropParams }) => {
    if (wrongEndpoint !== undefined) throw wrongEndpoint();
    if (!base(body)) throw problemToError(baseProblem(base.errors?.[0]));
    let current = body;
    let dropped: string[] | undefined;
    for (let problem = runChecks(checks, current); problem !== undefined; problem = runChecks(checks, current)) {
      if (!dropParams || problem.drop === undefined) throw problemToError(problem);
      current = removeLocation(current, problem.drop);
      (dropped ??= []).push(locationName(problem.drop));
    }
    if (renameMaxTokens && current.max_tokens !== undefined) current = toMaxCompletionTokens(current);
    return { body: current, dropped: dropped ?? NOTHING_DROPPED };
  };
}

function runChecks(checks: readonly RequestCheck[], body: Record<string, unknown>): RequestProblem | undefined {
  for (const check of checks) {
    const problem = check(body);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Reasoning models refuse max_tokens upstream; they take the same bound as max_completion_tokens. */
function toMaxCompletionTokens(body: Record<string, unknown>): Record<string, unknown> {
  const { max_tokens: maxTokens, ...rest } = body;
  return maxTokens === null ? rest : { ...rest, max_completion_tokens: maxTokens };
}

/** Embedding models serve only embeddings, and chat models never do: no bridge can help. */
function endpointMismatch(capability: ModelCapability, endpoint: Endpoint, model: string): (() => GatewayError) | undefined {
  const embedding = capability.mode === 'embedding';
  if (embedding === (endpoint === 'embeddings')) return undefined;
  const message = embedding
    ? `Model ${model} is an embedding model; it only serves /v1/embeddings, not ${endpoint === 'responses' ? '/v1/responses' : '/v1/chat/completions'}.`
    : `Model ${model} is a ${capability.mode} model; it does not serve /v1/embeddings.`;
  return () => new GatewayError('unsupported_endpoint', message, { param: 'model' });
}
