import type { BudgetFields } from '../../stores/budget-fields.js';
import { nextResetAt, parseDuration } from '../budget-duration.js';
import { count, duration, flag, money, object, stringList, type Fields } from './field-readers.js';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };
export type BudgetPatch = Mutable<Omit<BudgetFields, 'createdAt' | 'updatedAt'>>;

/**
 * The budget and limit fields keys, teams and users share, as given in a request: absent
 * fields stay out of the patch, `null` clears a limit. A new `budget_duration` starts its
 * window now (reset at its next LiteLLM boundary).
 */
export function readBudgetFields(fields: Fields, now: number): BudgetPatch {
  const patch: BudgetPatch = {};
  const maxBudget = money(fields, 'max_budget');
  if (maxBudget !== undefined) patch.maxBudget = maxBudget;
  const softBudget = money(fields, 'soft_budget');
  if (softBudget !== undefined) patch.softBudget = softBudget;
  const spend = money(fields, 'spend');
  if (spend !== undefined && spend !== null) patch.spend = spend;
  const budgetDuration = duration(fields, 'budget_duration');
  if (budgetDuration !== undefined) {
    patch.budgetDuration = budgetDuration;
    patch.budgetResetAt = budgetDuration === null ? null : nextResetAt(parseDuration(budgetDuration, 'budget_duration'), now);
  }
  const tpmLimit = count(fields, 'tpm_limit');
  if (tpmLimit !== undefined) patch.tpmLimit = tpmLimit;
  const rpmLimit = count(fields, 'rpm_limit');
  if (rpmLimit !== undefined) patch.rpmLimit = rpmLimit;
  const maxParallelRequests = count(fields, 'max_parallel_requests');
  if (maxParallelRequests !== undefined) patch.maxParallelRequests = maxParallelRequests;
  const models = stringList(fields, 'models');
  if (models !== undefined) patch.models = models;
  const blocked = flag(fields, 'blocked');
  if (blocked !== undefined) patch.blocked = blocked;
  const metadata = object(fields, 'metadata');
  if (metadata !== undefined) patch.metadata = metadata;
  return patch;
}

/** A new record's budget fields: the defaults overridden by the request. */
export function newBudgetFields(fields: Fields, now: number): BudgetFields {
  return {
    spend: 0n,
    maxBudget: null,
    softBudget: null,
    budgetDuration: null,
    budgetResetAt: null,
    tpmLimit: null,
    rpmLimit: null,
    maxParallelRequests: null,
    models: [],
    blocked: false,
    metadata: {},
    createdAt: now,
    updatedAt: now,
    ...readBudgetFields(fields, now),
  };
}
