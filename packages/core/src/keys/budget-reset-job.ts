import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { Invalidation } from '../stores/invalidation-bus.js';
import type { KeyStore } from '../stores/key-store.js';
import { nextResetAt, parseDuration } from './budget-duration.js';

/** How often due budgets are looked for. The counters start a new window on their own at the boundary; this only moves the stored spend. */
export const BUDGET_RESET_INTERVAL_MS = 10_000;
const BATCH = 500;

export interface BudgetResetOptions {
  /** The store once open; the job waits for it. */
  readonly store: () => KeyStore | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly publish: (invalidation: Invalidation) => Promise<void>;
}

/** Resets spend to 0 where budgetResetAt passed and moves budgetResetAt on (LiteLLM's ResetBudgetJob). */
export async function resetDueBudgets(store: KeyStore, clock: Clock, publish: BudgetResetOptions['publish']): Promise<number> {
  const now = clock();
  let reset = 0;
  for (const due of await store.dueBudgets(now, BATCH)) {
    const next = nextResetAt(parseDuration(due.budgetDuration, 'budget_duration'), now);
    if (await store.resetBudget(due, next)) {
      reset++;
      await publish({ owner: due.owner, id: due.id });
    }
  }
  return reset;
}

export function startBudgetResets(options: BudgetResetOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    const store = options.store();
    if (store === undefined || running) return;
    running = true;
    resetDueBudgets(store, options.clock, options.publish)
      .catch((error: unknown) => options.logger.warn({ err: (error as Error).message }, 'budget reset failed; retried on the next run'))
      .finally(() => (running = false));
  }, BUDGET_RESET_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
