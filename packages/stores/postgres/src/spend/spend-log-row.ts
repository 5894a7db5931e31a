/**
 * One spend log row as the Postgres store writes it. Cost is an exact decimal string (USD),
 * times are ISO 8601 strings (millisecond precision, as JavaScript makes them).
 */
export interface SpendLogRow {
  readonly requestId: string;
  readonly keyHash: string | null;
  readonly keyAlias: string | null;
  readonly teamId: string | null;
  readonly userId: string | null;
  readonly model: string | null;
  readonly deploymentId: string | null;
  readonly provider: string | null;
  readonly endpoint: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
  readonly cost: string;
  readonly status: number;
  readonly outcome: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly durationMs: number;
  readonly tags: readonly string[];
}
