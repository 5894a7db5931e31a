import { GatewayError } from '../errors/gateway-error.js';
import { buildCharges, type Charges } from '../keys/build-charges.js';
import { candidateTargets } from '../keys/candidate-targets.js';
import { estimateRequest } from '../keys/estimate-request.js';
import type { KeySystem } from '../keys/key-system.js';
import { refusalError, rateLimitHeaders } from '../keys/limit-errors.js';
import { checkModelAccess } from '../keys/model-access.js';
import { createMaxCostPricer } from '../keys/max-cost-pricer.js';
import { accountOf } from '../keys/request-accounts.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Stage } from '../pipeline/stage.js';
import type { CounterStore, ReserveOutcome, ReserveRequest } from '../stores/counter-store.js';

/** A reservation outlives a dead instance by at most this in a shared store. */
const LEASE_MS = 10 * 60_000;

export const CALL_ID_HEADER = 'x-litellm-call-id';

/**
 * For a virtual key on a model route (after resolve, before route): the key's, team's and
 * user's model lists must allow the model group; then one atomic reservation takes the
 * request's maximum cost from every budget (key, user, team, the key's per-model budget) and
 * a slot from every rpm/tpm window and parallel count. A refusal is a 429 before anything is
 * spent. The cost stage's report settles the reservation with the priced cost, or releases it
 * (error, abort, timeout). Free and unpriced models take nothing from budgets. Every request,
 * the master key's too, is also charged against the proxy-wide budget and parallel limit when
 * the config sets them (litellm_settings.max_budget, general_settings.global_max_parallel_requests).
 */
export function createLimitsStage(system: KeySystem): Stage {
  const price = createMaxCostPricer();
  return async (context, next) => {
    const principal = context.principal;
    if (context.route.endpoint === undefined || principal === undefined) return next();
    const account = accountOf(context);
    context.setHeader(CALL_ID_HEADER, account.callId);
    const now = system.clock();
    const proxy = system.proxyCharges(now);
    if (principal.kind !== 'key' && proxy === undefined) return next();
    if (system.settings.failClosed && !system.healthy) {
      throw new GatewayError('store_unavailable', 'Budgets cannot be checked right now (the key/spend store or the shared counters are unreachable, and fail_closed_budget_enforcement is on). Retry shortly.');
    }
    const group = context.modelGroup!;
    const targets = context.targets ?? [];
    let charges: Charges = { budgets: [], rates: [], parallel: [] };
    if (principal.kind === 'key') {
      checkModelAccess(principal, context.model ?? group, group, targets);
      charges = buildCharges(principal, group, now);
    }
    if (proxy !== undefined) {
      const shared = proxy instanceof Promise ? await proxy : proxy;
      charges = { budgets: [...charges.budgets, ...shared.budgets], rates: charges.rates, parallel: [...charges.parallel, ...shared.parallel] };
    }
    if (charges.budgets.length === 0 && charges.rates.length === 0 && charges.parallel.length === 0) return next();
    const estimate = estimateRequest({
      endpoint: context.route.endpoint,
      body: context.body,
      bodyBytes: bodyBytes(context),
      candidates: charges.budgets.length === 0 ? [] : candidateTargets(context.snapshot, context.services.settings.router, group, targets),
      price,
    });
    const request: ReserveRequest = {
      reservationId: account.callId,
      amount: estimate.maxCost,
      tokens: Math.min(estimate.tokens, smallestTpm(charges.rates)),
      budgets: charges.budgets,
      rates: charges.rates,
      parallel: charges.parallel,
      leaseMs: LEASE_MS,
    };
    const { outcome, counters } = await reserve(system, request);
    if (!outcome.ok) throw refusalError(outcome.refusal, outcome.windows, now);
    account.hold = { reservation: outcome.reservation, counters };
    if (outcome.windows.length > 0) rateLimitHeaders(outcome.windows, now, context.responseHeaders);
    return next();
  };
}

/** Shared counters first; while they cannot be reached, this instance's (or a 503 when fail-closed). */
async function reserve(system: KeySystem, request: ReserveRequest): Promise<{ outcome: ReserveOutcome; counters: CounterStore }> {
  if (system.counters === system.localCounters) return { outcome: await system.localCounters.reserve(request), counters: system.localCounters };
  try {
    const outcome = await system.counters.reserve(request);
    system.markCounters(true);
    return { outcome, counters: system.counters };
  } catch (error) {
    system.markCounters(false);
    if (system.settings.failClosed) throw new GatewayError('store_unavailable', 'The shared rate-limit and budget counters are unreachable and fail_closed_budget_enforcement is on. Retry shortly.', { cause: error });
    return { outcome: await system.localCounters.reserve(request), counters: system.localCounters };
  }
}

/** The body's size: an upper bound of its text tokens (a token covers at least one byte). */
function bodyBytes(context: GatewayContext): number {
  const declared = Number(context.header('content-length'));
  if (Number.isSafeInteger(declared) && declared > 0) return declared;
  return Buffer.byteLength(JSON.stringify(context.body));
}

/** A request bigger than a tpm limit still fits an empty minute (rate limits hold to within one request). */
function smallestTpm(rates: readonly { readonly tpmLimit: number | null }[]): number {
  let smallest = Number.MAX_SAFE_INTEGER;
  for (const rate of rates) if (rate.tpmLimit !== null && rate.tpmLimit < smallest) smallest = rate.tpmLimit;
  return smallest;
}
