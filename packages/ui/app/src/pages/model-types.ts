/** The parts of `GET /model/info` and `GET /capabilities/status` the models page reads. */
export interface PriceRates {
  readonly input?: number;
  readonly cached_input?: number;
  readonly cache_write?: number;
  readonly cache_write_1h?: number;
  readonly output?: number;
  readonly reasoning_output?: number;
}

export interface ModelPricing extends PriceRates {
  readonly tiers?: readonly (PriceRates & { readonly above_input_tokens: number })[];
  readonly service_tiers?: Readonly<Record<string, PriceRates>>;
}

export interface ModelInfoEntry {
  readonly model_name: string;
  readonly litellm_params: { readonly model: string; readonly api_base?: string };
  readonly model_info: {
    readonly id: string;
    readonly capabilities_found: boolean;
    readonly key: string | null;
    readonly litellm_provider: string;
    readonly mode: string | null;
    readonly max_input_tokens: number | null;
    readonly max_output_tokens: number | null;
    readonly pricing: ModelPricing | null;
    readonly features?: Readonly<Record<string, boolean>>;
    readonly reasoning_effort: { readonly values: readonly string[] | null; readonly default: string | null } | null;
    readonly capability_source?: string | null;
    readonly limits?: { readonly rpm?: number; readonly tpm?: number };
  };
}

export interface CapabilitiesStatus {
  readonly version: number;
  readonly snapshot_created_at: string;
  readonly models: number;
  readonly deployments: number;
  readonly sources: readonly string[];
  readonly reload_interval_seconds: number | null;
  readonly next_reload_after: string | null;
  readonly watched_files: readonly string[];
  readonly last_reload: {
    readonly at: string;
    readonly ok: boolean;
    readonly error: { readonly code: string | null; readonly message: string } | null;
    readonly added: number | null;
    readonly removed: number | null;
    readonly changed: number | null;
  } | null;
  readonly config_reload_available: boolean;
}

export interface ReloadAnswer {
  readonly message: string;
  readonly version: number;
  readonly models: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
    readonly changes: Readonly<Record<string, readonly string[]>>;
    readonly total: number;
  };
  readonly duration_ms: number;
}

export interface ConfigReloadAnswer {
  readonly message: string;
  readonly deployments: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
}
