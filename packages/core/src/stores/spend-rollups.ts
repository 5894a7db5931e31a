import type { AttoUsd } from './budget-fields.js';

/** One day of one key's (or team's) use of one model, from the daily rollups. */
export interface SpendRollupRow {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** tokenHash for `groupBy: 'key'`, teamId for `'team'`. */
  readonly id: string;
  readonly model: string;
  readonly requests: number;
  /** Requests whose outcome was not success. */
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly reasoningTokens: number;
  readonly spend: AttoUsd;
}

export interface SpendReportQuery {
  readonly groupBy: 'key' | 'team';
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  readonly fromDay: string;
  readonly toDay: string;
  /** Only this key (groupBy key) or team (groupBy team). */
  readonly id?: string;
  readonly model?: string;
}
