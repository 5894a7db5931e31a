/**
 * Money in the stores is BigInt attoUSD (1 USD = 10^18), as in `cost/atto-usd.ts`: exact sums,
 * no float drift. A store keeps it in a column that holds it exactly (NUMERIC, or TEXT decimal
 * where the database's integers are 64-bit: 2^63 attoUSD is only $9.22).
 */
export type AttoUsd = bigint;

/**
 * The limits a key, a team and a user each carry (LiteLLM's field names in camelCase). A key's
 * effective limits are the tightest of its own, its user's and its team's; null means none.
 */
export interface BudgetFields {
  /** Spend in the current budget window (LiteLLM's `spend`; reset to 0 at `budgetResetAt`). */
  readonly spend: AttoUsd;
  readonly maxBudget: AttoUsd | null;
  /** Above this the key still works; `/key/info` reports it (LiteLLM's `soft_budget`). */
  readonly softBudget: AttoUsd | null;
  /** `30s`, `30m`, `24h`, `7d`, `30d`, `1mo`; null: the budget never resets. */
  readonly budgetDuration: string | null;
  /** Epoch ms when `spend` goes back to 0 (LiteLLM's reset boundaries); null without a duration. */
  readonly budgetResetAt: number | null;
  readonly tpmLimit: number | null;
  readonly rpmLimit: number | null;
  readonly maxParallelRequests: number | null;
  /** Model allow-list: model group names or access-group names; empty = every model. */
  readonly models: readonly string[];
  readonly blocked: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A per-model budget (LiteLLM's `model_max_budget: { "gpt-4o": { budget_limit, time_period } }`). */
export interface ModelBudget {
  readonly budgetLimit: AttoUsd;
  /** A `budget_duration` string; null: never resets. */
  readonly timePeriod: string | null;
}
