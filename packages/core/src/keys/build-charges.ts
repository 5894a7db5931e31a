import type { BudgetFields } from '../stores/budget-fields.js';
import type { KeyRecord } from '../stores/key-store.js';
import type { BudgetCharge, ParallelCharge, RateCharge } from '../stores/counter-store.js';
import { nextResetAt, parseDuration } from './budget-duration.js';
import type { KeyPrincipal } from './principal.js';

export interface Charges {
  readonly budgets: BudgetCharge[];
  readonly rates: RateCharge[];
  readonly parallel: ParallelCharge[];
}

/**
 * The budgets, rate windows and parallel slots one request of `principal` on `model` is
 * charged against: the key's, its user's and its team's own (so the tightest of the three
 * decides), and the key's per-model ones. Counter ids: `key:<hash>`, `user:<id>`, `team:<id>`,
 * `key:<hash>:model:<model>`.
 */
export function buildCharges(principal: KeyPrincipal, model: string, now: number): Charges {
  const { key, team, user } = principal;
  const charges: Charges = { budgets: [], rates: [], parallel: [] };
  add(charges, `key:${key.tokenHash}`, key, now);
  if (user !== undefined) add(charges, `user:${user.userId}`, user, now);
  if (team !== undefined) add(charges, `team:${team.teamId}`, team, now);
  addModelLimits(charges, key, model, now);
  return charges;
}

function add(charges: Charges, id: string, owner: BudgetFields, now: number): void {
  if (owner.maxBudget !== null) {
    const window = currentWindow(owner, now);
    charges.budgets.push({ id, windowEndsAt: window.endsAt, limit: owner.maxBudget, baseline: window.baseline });
  }
  if (owner.rpmLimit !== null || owner.tpmLimit !== null) charges.rates.push({ id, rpmLimit: owner.rpmLimit, tpmLimit: owner.tpmLimit });
  if (owner.maxParallelRequests !== null) charges.parallel.push({ id, limit: owner.maxParallelRequests });
}

function addModelLimits(charges: Charges, key: KeyRecord, model: string, now: number): void {
  const id = `key:${key.tokenHash}:model:${model}`;
  const budget = Object.hasOwn(key.modelMaxBudget, model) ? key.modelMaxBudget[model] : undefined;
  if (budget !== undefined) {
    const endsAt = budget.timePeriod === null ? null : nextResetAt(parseDuration(budget.timePeriod, 'model_max_budget.time_period'), now);
    charges.budgets.push({ id, windowEndsAt: endsAt, limit: budget.budgetLimit, baseline: 0n });
  }
  const rpm = Object.hasOwn(key.modelRpmLimit, model) ? key.modelRpmLimit[model] : undefined;
  const tpm = Object.hasOwn(key.modelTpmLimit, model) ? key.modelTpmLimit[model] : undefined;
  if (rpm !== undefined || tpm !== undefined) charges.rates.push({ id, rpmLimit: rpm ?? null, tpmLimit: tpm ?? null });
}

/**
 * The budget window in force: the stored one while `budgetResetAt` is ahead (its spend is the
 * baseline); once it passed and the reset job has not run yet, the next window, from zero.
 */
export function currentWindow(owner: BudgetFields, now: number): { readonly endsAt: number | null; readonly baseline: bigint } {
  if (owner.budgetDuration === null) return { endsAt: null, baseline: owner.spend };
  if (owner.budgetResetAt !== null && owner.budgetResetAt > now) return { endsAt: owner.budgetResetAt, baseline: owner.spend };
  return { endsAt: nextResetAt(parseDuration(owner.budgetDuration, 'budget_duration'), now), baseline: 0n };
}
