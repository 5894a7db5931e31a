/** A key as LiteLLM's management API answers it (`/key/list?return_full_object=true`, `/key/info`). */
export interface KeyInfo {
  /** SHA-256 of the key: how the API names a key without its plaintext. */
  readonly token: string;
  /** The masked display form, `sk-...wxyz`. */
  readonly key_name?: string | null;
  readonly key_alias?: string | null;
  readonly team_id?: string | null;
  readonly user_id?: string | null;
  readonly models?: readonly string[];
  readonly spend?: number | string | null;
  readonly max_budget?: number | string | null;
  readonly soft_budget?: number | string | null;
  readonly budget_duration?: string | null;
  readonly budget_reset_at?: string | null;
  readonly tpm_limit?: number | null;
  readonly rpm_limit?: number | null;
  readonly max_parallel_requests?: number | null;
  readonly expires?: string | null;
  readonly blocked?: boolean | null;
  readonly created_at?: string | null;
}

export interface KeyList {
  readonly keys: readonly (KeyInfo | string)[];
  readonly total_count?: number;
  readonly current_page?: number;
  readonly total_pages?: number;
}

/** What the create and edit forms send (LiteLLM's request fields; absent: unchanged / default). */
export interface KeyFields {
  key_alias?: string;
  team_id?: string;
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  tpm_limit?: number | null;
  rpm_limit?: number | null;
  max_parallel_requests?: number | null;
  duration?: string;
}

export interface GeneratedKey extends KeyInfo {
  /** The plaintext, shown once. */
  readonly key: string;
}
