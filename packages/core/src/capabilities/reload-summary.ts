/** Something in a source that was left out without refusing the source (a LiteLLM entry that cannot be converted). */
export interface SourceProblem {
  /** The source as configured: `builtin`, a file path or a URL. */
  readonly source: string;
  /** The model key in that source. */
  readonly model: string;
  readonly message: string;
  /** True when the whole entry was left out; false when only one of its values was. */
  readonly skipped: boolean;
}

/** What one source contributed to a snapshot. */
export interface SourceSummary {
  readonly source: string;
  readonly format: 'switchyard' | 'litellm';
  /** Entries it defined (before later sources override some of them). */
  readonly models: number;
}

/**
 * The answer to a reload (`POST /reload/model_cost_map`, `gateway.reload()`), in the JSON shape
 * the route sends: what changed between the previous snapshot and the new one, by model name.
 */
export interface ReloadSummary {
  /** The version of the snapshot now in force. */
  readonly version: number;
  readonly models: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    /** Entries whose content differs in any way (price, limits, params, aliases, …). */
    readonly changed: readonly string[];
    /** The family each added model got (`null`: none): `{"gpt-5.6": "openai/gpt-5-reasoning"}`. */
    readonly families: Readonly<Record<string, string | null>>;
    /** What changed in each changed model, field by field: `{"gpt-5.5": ["pricing.input 5e-6 → 4e-6"]}`. */
    readonly changes: Readonly<Record<string, readonly string[]>>;
    /** How many models the new snapshot knows (by own name, aliases not counted). */
    readonly total: number;
  };
  readonly sources: readonly SourceSummary[];
  readonly problems: readonly SourceProblem[];
  readonly duration_ms: number;
}
