/** One sample of a gauge a store or queue reports: its label values and its value. */
export interface GaugeSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * Where other parts of the gateway (the spend outbox, the key store, shared router state) report
 * what only they know, read at scrape time, never on the request path:
 *
 * ```ts
 * gateway.metrics?.queueDepth('spend_outbox', () => outbox.size);
 * gateway.metrics?.keyBudgets(() => keys.map((key) => ({ hashedApiKey: key.hash, alias: key.alias, remaining: key.budget - key.spend })));
 * gateway.metrics?.gauge('switchyard_redis_up', 'Whether Redis answers (1) or not (0).', [], () => [{ labels: {}, value: up ? 1 : 0 }]);
 * ```
 */
export interface MetricHooks {
  /** `switchyard_queue_depth{queue}`: items waiting in a bounded queue. */
  queueDepth(queue: string, read: () => number): void;
  /** `litellm_remaining_api_key_budget_metric{hashed_api_key, api_key_alias}`. */
  keyBudgets(read: () => Iterable<KeyBudget>): void;
  /** Any other gauge, `switchyard_*` by convention; its labels must be bounded. */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => Iterable<GaugeSample>): void;
}

export interface KeyBudget {
  /** SHA-256 hex of the key (LiteLLM's hashed_api_key); never the key. */
  readonly hashedApiKey: string;
  readonly alias?: string;
  /** Remaining budget in USD. */
  readonly remaining: number;
}
