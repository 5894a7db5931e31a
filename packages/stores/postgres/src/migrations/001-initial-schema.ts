import type { Migration } from './migration.js';

/** USD with 18 decimals: exactly the gateway's attoUSD, up to 10^20 USD. */
const MONEY = 'numeric(38, 18)';
const BUDGET_COLUMNS = `
  spend ${MONEY} NOT NULL DEFAULT 0,
  max_budget ${MONEY},
  soft_budget ${MONEY},
  budget_duration text,
  budget_reset_at timestamptz,
  tpm_limit bigint,
  rpm_limit bigint,
  max_parallel_requests bigint,
  models text[] NOT NULL DEFAULT '{}',
  blocked boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL`;

const ROLLUP_SUMS = `
  requests bigint NOT NULL DEFAULT 0,
  failures bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens bigint NOT NULL DEFAULT 0,
  spend ${MONEY} NOT NULL DEFAULT 0`;

/**
 * Keys (by SHA-256 hash only), teams, users, the spend log and its two daily rollups.
 * Every `/spend/logs` filter has an index ending in (start_time DESC, request_id DESC), the
 * order and cursor of its pages, so a page is an index range scan at any table size. Budget
 * resets find due rows through partial indexes on budget_reset_at.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'keys, teams, users, spend logs, daily rollups',
  statements: (s) => [
    `CREATE TABLE ${s}.keys (
      token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      key_name text NOT NULL,
      key_alias text UNIQUE,
      user_id text,
      team_id text,
      expires_at timestamptz,
      aliases jsonb NOT NULL DEFAULT '{}',
      tags text[] NOT NULL DEFAULT '{}',
      model_max_budget jsonb NOT NULL DEFAULT '{}',
      model_rpm_limit jsonb NOT NULL DEFAULT '{}',
      model_tpm_limit jsonb NOT NULL DEFAULT '{}',
      created_by text,${BUDGET_COLUMNS}
    )`,
    `CREATE INDEX keys_created ON ${s}.keys (created_at DESC, token_hash DESC)`,
    `CREATE INDEX keys_team ON ${s}.keys (team_id, created_at DESC) WHERE team_id IS NOT NULL`,
    `CREATE INDEX keys_user ON ${s}.keys (user_id, created_at DESC) WHERE user_id IS NOT NULL`,
    `CREATE INDEX keys_reset ON ${s}.keys (budget_reset_at) WHERE budget_reset_at IS NOT NULL`,
    `CREATE TABLE ${s}.teams (
      team_id text PRIMARY KEY,
      team_alias text,
      members text[] NOT NULL DEFAULT '{}',${BUDGET_COLUMNS}
    )`,
    `CREATE INDEX teams_created ON ${s}.teams (created_at, team_id)`,
    `CREATE INDEX teams_reset ON ${s}.teams (budget_reset_at) WHERE budget_reset_at IS NOT NULL`,
    `CREATE TABLE ${s}.users (
      user_id text PRIMARY KEY,
      user_email text,
      user_role text NOT NULL,
      teams text[] NOT NULL DEFAULT '{}',${BUDGET_COLUMNS}
    )`,
    `CREATE INDEX users_created ON ${s}.users (created_at, user_id)`,
    `CREATE INDEX users_teams ON ${s}.users USING gin (teams)`,
    `CREATE INDEX users_reset ON ${s}.users (budget_reset_at) WHERE budget_reset_at IS NOT NULL`,
    `CREATE TABLE ${s}.spend_logs (
      request_id text PRIMARY KEY,
      key_hash text,
      key_alias text,
      team_id text,
      user_id text,
      model text,
      deployment text,
      provider text,
      endpoint text NOT NULL,
      input_tokens bigint NOT NULL,
      output_tokens bigint NOT NULL,
      cached_input_tokens bigint NOT NULL,
      cache_write_tokens bigint NOT NULL,
      reasoning_tokens bigint NOT NULL,
      cost ${MONEY},
      outcome text NOT NULL,
      status integer NOT NULL,
      error_code text,
      start_time timestamptz NOT NULL,
      end_time timestamptz NOT NULL,
      duration_ms bigint NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      inserted_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX spend_logs_time ON ${s}.spend_logs (start_time DESC, request_id DESC)`,
    `CREATE INDEX spend_logs_key ON ${s}.spend_logs (key_hash, start_time DESC, request_id DESC) WHERE key_hash IS NOT NULL`,
    `CREATE INDEX spend_logs_user ON ${s}.spend_logs (user_id, start_time DESC, request_id DESC) WHERE user_id IS NOT NULL`,
    `CREATE INDEX spend_logs_team ON ${s}.spend_logs (team_id, start_time DESC, request_id DESC) WHERE team_id IS NOT NULL`,
    `CREATE INDEX spend_logs_model ON ${s}.spend_logs (model, start_time DESC, request_id DESC) WHERE model IS NOT NULL`,
    `CREATE TABLE ${s}.spend_daily_key (
      day date NOT NULL,
      key_hash text NOT NULL,
      model text NOT NULL,${ROLLUP_SUMS},
      PRIMARY KEY (key_hash, model, day)
    )`,
    `CREATE INDEX spend_daily_key_day ON ${s}.spend_daily_key (day, key_hash, model)`,
    `CREATE TABLE ${s}.spend_daily_team (
      day date NOT NULL,
      team_id text NOT NULL,
      model text NOT NULL,${ROLLUP_SUMS},
      PRIMARY KEY (team_id, model, day)
    )`,
    `CREATE INDEX spend_daily_team_day ON ${s}.spend_daily_team (day, team_id, model)`,
  ],
};
