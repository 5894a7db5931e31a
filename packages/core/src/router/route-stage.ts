import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Stage } from '../pipeline/stage.js';
import { deploymentRedactor } from '../redaction/deployment-redactor.js';
import { safeErrorCode } from '../redaction/safe-error-code.js';
import { ATTEMPTS_HEADER, DEPLOYMENT_HEADER, FALLBACK_HEADER, MODEL_GROUP_HEADER, type AttemptRecord } from './attempt-record.js';
import { AttemptTimer } from './attempt-timer.js';
import { classifyError, isClientError, retryableByDefault, upstreamRetryAfterMs } from './classify-error.js';
import { evaluateCooldown, recordFailure, type FailureOptions } from './cooldowns.js';
import type { DeploymentHealth } from './deployment-health.js';
import { filterByTags, hasOtherHealthy, pickCandidate, toCandidates } from './pick-candidate.js';
import { readRouteHints, type RouteHints } from './route-hints.js';
import { retryDelayMs, sleep } from './retry-delay.js';
import { usageTotalTokens } from './usage-total-tokens.js';
import type { Router } from './router.js';
import type { RouterSettings } from './router-settings.js';
import type { AdmitResult } from './router-state-sync.js';
import type { Candidate } from './strategies.js';
import { failedBeforeFirstEvent, startStream } from './start-stream.js';

interface Group {
  readonly name: string;
  readonly targets: readonly ModelTarget[];
  readonly fallback: boolean;
}

type GroupOutcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

/**
 * The router: picks a deployment of the request's model group by the routing strategy, and for
 * each attempt runs the stages after it (validate → provider) against that attempt's own
 * deployment, so each hop is validated and bridged for its own model. Retries, cooldowns and
 * fallbacks happen only before the first byte reaches the client: a stream is handed on once
 * its first event has arrived, and a failure after that ends it with its API's error event.
 * `next` may be called once per attempt (see composeRouted).
 */
export function createRouteStage(router: Router): Stage {
  return async (context, next) => {
    const targets = context.targets;
    if (targets === undefined || context.route.endpoint === undefined) return next();
    const settings = context.services.settings.router;
    const hints = readRouteHints(context.body);
    const body = hints.body;
    const attempts: AttemptRecord[] = [];
    context.attempts = attempts;
    const primary: Group = { name: context.modelGroup ?? targets[0]?.deployment.modelName ?? '', targets, fallback: false };
    const run = (group: Group) => runGroup({ context, next, router, settings, hints, body, attempts, group });

    let outcome = await run(primary);
    let served = primary;
    if (!outcome.ok && shouldFallBack(outcome.error, context)) {
      for (const name of fallbackNames(primary.name, outcome.error, hints, settings)) {
        const fallbackTargets = context.snapshot.lookup(name);
        if (fallbackTargets === undefined || fallbackTargets.length === 0) continue;
        const group: Group = { name, targets: fallbackTargets, fallback: true };
        const next = await run(group);
        // The first error is the one the client asked about, unless a fallback got further.
        if (next.ok) {
          outcome = next;
          served = group;
          break;
        }
        if (!shouldFallBack(next.error, context)) break;
      }
    }
    context.setHeader(ATTEMPTS_HEADER, String(attempts.length));
    context.setHeader(MODEL_GROUP_HEADER, served.name);
    if (!outcome.ok) {
      const stream = typeof outcome.error === 'object' && outcome.error !== null ? failedBeforeFirstEvent.get(outcome.error) : undefined;
      if (stream === undefined) throw outcome.error;
      const error = outcome.error;
      context.response = { ...stream, events: failAtOnce(error) };
      return;
    }
    context.setHeader(FALLBACK_HEADER, served.fallback ? 'true' : 'false');
    if (context.target !== undefined) context.setHeader(DEPLOYMENT_HEADER, context.target.deployment.id);
  };
}

function shouldFallBack(error: unknown, context: GatewayContext): boolean {
  if (context.signal.aborted) return false;
  const errorClass = classifyError(error);
  return errorClass === 'ContextWindowExceededError' || errorClass === 'ContentPolicyViolationError' || !isClientError(error);
}

/** The groups to fall back to, by what failed (LiteLLM's order), at most max_fallbacks. */
function fallbackNames(group: string, error: unknown, hints: RouteHints, settings: RouterSettings): readonly string[] {
  const errorClass = classifyError(error);
  const specific =
    errorClass === 'ContextWindowExceededError'
      ? settings.contextWindowFallbacks.get(group)
      : errorClass === 'ContentPolicyViolationError'
        ? settings.contentPolicyFallbacks.get(group)
        : undefined;
  const names =
    specific ?? hints.fallbacks ?? settings.fallbacks.get(group) ?? settings.fallbacks.get('*') ?? settings.defaultFallbacks;
  return names.filter((name) => name !== group).slice(0, settings.maxFallbacks);
}

interface GroupRun {
  readonly context: GatewayContext;
  readonly next: () => Promise<void>;
  readonly router: Router;
  readonly settings: RouterSettings;
  readonly hints: RouteHints;
  readonly body: Record<string, unknown>;
  readonly attempts: AttemptRecord[];
  readonly group: Group;
}

/** Attempts within one group: a pick, a call, and on failure a retry (elsewhere when possible). */
async function runGroup(run: GroupRun): Promise<GroupOutcome> {
  const { context, router, settings, group } = run;
  const candidates = filterByTags(toCandidates(group.targets, router.state), run.hints.tags, settings);
  if (candidates.length === 0) {
    const tags = run.hints.tags?.join(', ') ?? 'default';
    return { ok: false, error: new GatewayError('no_deployment_for_tags', `No deployment of model group "${group.name}" carries the tags ${tags}.`, { param: 'tags' }) };
  }
  const failed = new Set<DeploymentHealth>();
  let retries = 0;
  let lastError: unknown;
  let refusals = 0;
  for (;;) {
    const now = router.clock();
    const pick = pickCandidate(candidates, failed, { now, random: router.random, settings, estimatedTokens: 0 });
    if (pick.kind !== 'picked') return { ok: false, error: lastError ?? unavailable(group.name, pick, now) };
    const candidate = pick.candidate;
    const admitted = await admit(candidate, router, settings);
    if (admitted === 'full') {
      // Full counting the other instances: the health now says so, and the next pick sees it.
      if (++refusals > candidates.length) return { ok: false, error: lastError ?? unavailable(group.name, { kind: 'full' }, now) };
      continue;
    }
    const error = await attempt(run, candidate, admitted === 'admitted');
    if (error === undefined) return { ok: true };
    lastError = error;
    if (context.signal.aborted) return { ok: false, error };
    const errorClass = classifyError(error);
    const status = isGatewayError(error) ? error.status : 500;
    await countFailure(router, candidate.health, { errorClass, status, settings, groupSize: candidates.length, now: router.clock() });
    failed.add(candidate.health);
    // enable_pre_call_checks: a deployment whose context window is too small is skipped, not retried.
    if (errorClass === 'ContextWindowExceededError' && settings.enablePreCallChecks && hasOtherHealthy(candidates, failed, router.clock())) continue;
    const allowed =
      settings.retryPolicy[errorClass as keyof RouterSettings['retryPolicy']] ??
      (retryableByDefault(errorClass) ? (candidate.params.numRetries ?? settings.numRetries) : 0);
    if (retries >= allowed) return { ok: false, error };
    retries++;
    const elsewhere = hasOtherHealthy(candidates, failed, router.clock());
    const upstreamMs = upstreamRetryAfterMs(error, router.clock());
    // An upstream asking for a longer wait than the cap is not waited for here.
    if (!elsewhere && upstreamMs !== undefined && upstreamMs > settings.maxRetryAfterMs) return { ok: false, error };
    const delay = retryDelayMs({ retry: retries, minimumMs: settings.retryAfterMs, upstreamMs, otherDeployment: elsewhere, random: router.random });
    try {
      await sleep(delay, context.signal);
    } catch {
      return { ok: false, error: new GatewayError('client_closed_request', 'The client closed the request while the gateway waited to retry.') };
    }
  }
}

/**
 * usage-based-routing-v2 with shared state: a deployment under an rpm/tpm limit is counted
 * against the cluster's minute atomically (one round trip), so instances together stay within
 * the limit. `undefined` when there is nothing to ask (local state, no limit, another strategy).
 */
function admit(candidate: Candidate, router: Router, settings: RouterSettings): Promise<AdmitResult> | undefined {
  const { rpm, tpm } = candidate.params;
  if (router.sync.admit === undefined || settings.strategy !== 'usage-based-routing-v2' || (rpm === undefined && tpm === undefined)) return undefined;
  candidate.health.roll(router.clock());
  return router.sync.admit(candidate.health, { rpm, tpm });
}

/**
 * Counts a failed call and cools the deployment down when the triggers say so; with shared
 * state, once more on the cluster's counts (the other instances' failures this minute).
 */
async function countFailure(router: Router, health: DeploymentHealth, options: FailureOptions): Promise<void> {
  if (recordFailure(health, options) || !router.sync.shared) return;
  await router.sync.refresh(health);
  const now = router.clock();
  if (!health.coolingDown(now)) evaluateCooldown(health, { ...options, now });
}

function unavailable(group: string, pick: { kind: 'cooling'; untilMs: number } | { kind: 'full' }, now: number): GatewayError {
  if (pick.kind === 'full') {
    return new GatewayError('model_group_at_capacity', `Every deployment of model group "${group}" is at its rpm/tpm limit for this minute.`, {
      headers: { 'retry-after': String(Math.max(1, 60 - Math.floor((now % 60_000) / 1000))) },
    });
  }
  const seconds = Math.max(1, Math.ceil((pick.untilMs - now) / 1000));
  return new GatewayError('model_group_cooling_down', `Every deployment of model group "${group}" is cooling down after failures; retry after ${seconds} s.`, {
    headers: { 'retry-after': String(seconds) },
  });
}

/** One call: validate and call through the stages after route; undefined when it answered. */
async function attempt(run: GroupRun, candidate: Candidate, admitted: boolean): Promise<unknown> {
  const { context, router, settings } = run;
  const { health, target } = candidate;
  const started = performance.now();
  health.callStarted(router.clock(), admitted);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    health.callEnded();
  };
  context.target = target;
  context.body = run.body;
  context.response = undefined;
  const timer = AttemptTimer.for(target.deployment, settings, run.body.stream === true, context.request.signal);
  context.attemptSignal = timer?.signal;
  const record = (status: number, errorCode: string | null) =>
    run.attempts.push({
      deployment: target.deployment.id,
      modelGroup: run.group.name,
      status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      errorCode,
      fallback: run.group.fallback,
    });
  try {
    timer?.arm();
    await run.next();
    // Set by the provider stage during next(): not the `undefined` assigned above.
    const response = context.response as GatewayResponse | undefined;
    if (response?.kind === 'stream') {
      // Waiting for the stream's first event is upstream time too (x-switchyard-overhead-ms).
      const waited = performance.now();
      context.response = await startStream(response, { timer, health, release, settings, router, context, groupSize: run.group.targets.length }).finally(() => {
        context.upstreamMs += performance.now() - waited;
      });
    } else {
      timer?.clear();
      release();
      const tokens = usageTotalTokens((response?.body as { usage?: unknown } | null | undefined)?.usage);
      if (tokens !== undefined) health.addTokens(tokens);
    }
    const status = context.response?.status ?? 200;
    if (status >= 500 || status === 429) {
      // An error answered as a response rather than thrown: counted, not retried (its body goes as it is).
      recordFailure(health, { errorClass: classifyError(new GatewayError('upstream_error', '', { status })), status, settings, groupSize: run.group.targets.length, now: router.clock() });
    } else {
      health.recordOutcome(false);
      health.recordLatency(performance.now() - started, router.clock());
    }
    record(status, null);
    return undefined;
  } catch (thrown) {
    timer?.clear();
    release();
    const error = timer?.explain(thrown) ?? thrown;
    record(isGatewayError(error) ? error.status : 500, isGatewayError(error) ? safeErrorCode(error.code, deploymentRedactor(target.deployment)) : 'internal_error');
    return error;
  } finally {
    // The provider holds the attempt's signal for the rest of a stream; later stages see the client's.
    context.attemptSignal = undefined;
  }
}

// eslint-disable-next-line require-yield
async function* failAtOnce(error: unknown): AsyncGenerator<never> {
  throw error;
}
