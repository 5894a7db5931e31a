import { parseAttoUsd } from '../cost/atto-usd.js';
import type { CostEvent } from '../cost/cost-event.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import { toSpendAttempts } from '../stores/spend-attempts.js';
import type { SpendRecord } from '../stores/spend-store.js';
import type { KeySystem } from './key-system.js';
import { principalHash } from './principal.js';
import { accountOf } from './request-accounts.js';

const MAX_TAGS = 32;
const MAX_TAG_CHARS = 128;
const NO_TAGS: readonly string[] = [];

/**
 * Called by the cost stage with each model request's one outcome: settles the request's
 * reservation with its priced cost (or releases it: error, abort, timeout, unpriced), and
 * puts its spend row in the outbox. Runs on the request's turn but waits for nothing.
 */
export function createSpendRecorder(system: KeySystem): (event: CostEvent, context: GatewayContext) => void {
  return (event, context) => {
    const principal = context.principal;
    if (principal === undefined) return;
    const account = accountOf(context);
    const cost = event.cost === null ? null : (parseAttoUsd(event.cost) ?? null);
    const usage = event.usage;
    const hold = account.hold;
    if (hold !== undefined) {
      account.hold = undefined;
      const finished =
        event.outcome === 'success' || cost !== null
          ? hold.counters.settle(hold.reservation, { cost, tokens: usage === null ? 0 : usage.inputTokens + usage.outputTokens })
          : hold.counters.release(hold.reservation);
      finished.catch((error: unknown) => system.logger.warn({ err: (error as Error).message, requestId: event.requestId }, 'could not settle a budget reservation; a shared store drops it when its lease ends'));
    }
    const endedAt = system.clock();
    const durationMs = Math.round(event.durationMs);
    const key = principal.kind === 'key' ? principal.key : undefined;
    const record: SpendRecord = {
      requestId: account.callId,
      keyHash: principalHash(principal),
      keyAlias: key?.keyAlias ?? null,
      teamId: key?.teamId ?? null,
      userId: key?.userId ?? null,
      model: context.modelGroup ?? event.model,
      deployment: event.deployment,
      provider: event.provider,
      endpoint: event.endpoint,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedInputTokens: usage?.cachedInputTokens ?? 0,
      cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
      reasoningTokens: usage?.reasoningTokens ?? 0,
      cost,
      outcome: event.outcome,
      status: event.status,
      errorCode: event.errorCode,
      startedAt: endedAt - durationMs,
      endedAt,
      durationMs,
      tags: tagsOf(key?.tags, context.request.body),
      attempts: toSpendAttempts(event.attempts),
    };
    system.recordSpend(record);
  };
}

/** The key's tags plus the request's (`tags`, or `metadata.tags`, as LiteLLM takes them), bounded. */
function tagsOf(keyTags: readonly string[] | undefined, body: unknown): readonly string[] {
  const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { tags?: unknown; metadata?: unknown }) : undefined;
  const metadata = record?.metadata !== null && typeof record?.metadata === 'object' ? (record.metadata as { tags?: unknown }) : undefined;
  if (record?.tags === undefined && metadata?.tags === undefined) return keyTags === undefined ? NO_TAGS : keyTags.slice(0, MAX_TAGS);
  const tags = new Set(keyTags ?? []);
  {
    for (const list of [record?.tags, metadata?.tags]) {
      if (!Array.isArray(list)) continue;
      for (const tag of list) if (typeof tag === 'string' && tag !== '' && tag.length <= MAX_TAG_CHARS) tags.add(tag);
    }
  }
  return [...tags].slice(0, MAX_TAGS);
}
