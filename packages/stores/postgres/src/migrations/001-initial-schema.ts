import type { Migration } from './migration.js';

const MONEY = 'numeric(38, 18)';
const BUDGET_COLUMNS = `
  models text[] NOT NULL DEFAULT '{}',
  max_budget ${MONEY},
  soft_budget ${MONEY},
  budget_duration text,
  budget_reset_at timestamptz,
  spend ${MONEY} NOT NULL DEFAULT 0,
  tpm_limit bigint,
  rpm_limit bigint,
  max_parallel_requests integer,
  model_max_budget jsonb NOT NULL DEFAULT '{}',
  model_rpm_limit jsonb NOT NULL DEFAULT '{}',
  model_tpm_limit jsonb NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  blocked boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const TOKEN_SUMS = `
  prompt_tokens bigint NOT NULL DEFAULT 0,
  completion_tokens bigint NOT NULL DEFAULT 0,
  total_tokens bigint NOT NULL DEFAULT 0,
  cached_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens bigint NOT NULL DEFAULT 0,
  requests bigint NOT NULL DEFAULT 0,
  failed_requests bigint NOT NULL DEFAULT 0`;

/**
 * Keys (stored by SHA-256 hash only), teams, users, spend logs and the two daily rollups.
 * Every `/spend/logs` filter has an index ending in (start_time DESC, request_id DESC), the
 * order and cursor of its pagination, so a page is an index range scan at any table size.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'keys, teams, users, spend logs, daily rollups',
  statements: (s) => [
    `CREATE TABLE ${s}.teams (
      team_id text PRIMARY KEY,
      team_alias text,${BUDGET_COLUMNS}
    )`,
    `CREATE TABLE ${s}.users (
      user_id text PRIMARY KEY,
      user_email text,
      user_alias text,
      team_id text,${BUDGET_COLUMNS}
    )`,
    `CREATE TABLE ${s}.keys (
      key_hash text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
      key_name text NOT NULL,
      key_alias text,
      team_id text,
      user_id text,
      expires timestamptz,
      tags text[] NOT NULL DEFAULT '{}',
      aliases jsonb NOT NULL DEFAULT '{}',${BUDGET_COLUMNS}
    )`,
    `CREATE INDEX keys_team ON ${s}.keys (team_id) WHERE team_id IS NOT NULL`,
    `CREATE INDEX keys_user ON ${s}.keys (user_id) WHERE user_id IS NOT NULL`,
    `CREATE INDEX keys_alias ON ${s}.keys (key_alias) WHERE key_alias IS NOT NULL`,
    `CREATE INDEX keys_created ON ${s}.keys (created_at DESC, key_hash DESC)`,
    `CREATE TABLE ${s}.spend_logs (
      request_id text PRIMARY KEY,
      key_hash text,
      key_alias text,
      team_id text,
      user_id text,
      model text,
      deployment_id text,
      provider text,
      endpoint text,
      prompt_tokens bigint NOT NULL DEFAULT 0,
      completion_tokens bigint NOT NULL DEFAULT 0,
      total_tokens bigint NOT NULL DEFAULT 0,
      cached_tokens bigint NOT NULL DEFAULT 0,
      reasoning_tokens bigint NOT NULL DEFAULT 0,
      cost ${MONEY} NOT NULL DEFAULT 0,
      status integer NOT NULL,
      outcome text NOT NULL,
      start_time timestamptz NOT NULL,
      end_time timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      inserted_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX spend_logs_time ON ${s}.spend_logs (start_time DESC, request_id DESC)`,
    `CREATE INDEX spend_logs_key ON ${s}.spend_logs (key_hash, start_time DESC, request_id DESC)`,
    `CREATE INDEX spend_logs_user ON ${s}.spend_logs (user_id, start_time DESC, request_id DESC) WHERE user_id IS NOT NULL`,
    `CREATE INDEX spend_logs_team ON ${s}.spend_logs (team_id, start_time DESC, request_id DESC) WHERE team_id IS NOT NULL`,
    `CREATE INDEX spend_logs_model ON ${s}.spend_logs (model, start_time DESC, request_id DESC)`,
    // key_hash '' is spend under the master key (no virtual key); model '' a request without one.
    `CREATE TABLE ${s}.spend_daily_key (
      day date NOT NULL,
      key_hash text NOT NULL,
      model text NOT NULL,
      spend ${MONEY} NOT NULL DEFAULT 0,${TOKEN_SUMS},
      PRIMARY KEY (key_hash, model, day)
    )`,
    `CREATE INDEX spend_daily_key_day ON ${s}.spend_daily_key (day)`,
    `CREATE TABLE ${s}.spend_daily_team (
      day date NOT NULL,
      team_id text NOT NULL,
      model text NOT NULL,
      spend ${MONEY} NOT NULL DEFAULT 0,${TOKEN_SUMS},
      PRIMARY KEY (team_id, model, day)
    )`,
    `CREATE INDEX spend_daily_team_day ON ${s}.spend_daily_team (day)`,
  ],
};
