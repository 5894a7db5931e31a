import type { Migration } from './migration.js';

// The columns of 001's rollups, written out again rather than imported: a shipped migration's
// SQL must never change (its checksum is checked), so migrations share no definitions.
const SUMS = `
  requests bigint NOT NULL DEFAULT 0,
  failures bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens bigint NOT NULL DEFAULT 0,
  spend numeric(38, 18) NOT NULL DEFAULT 0`;
const SUMMED = 'sum(requests), sum(failures), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(reasoning_tokens), sum(spend)';
const COLUMNS = 'requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend';

/**
 * Rollups for the usage page's largest reads: by model (90 days of 8 models is 720 rows, where
 * the key rollup also holds a row per key: 360,000 for 500 keys) and by key over every model
 * (45,000). Both count the key rollup's rows (requests made with a key), so by-model and by-key
 * totals agree; filled here from it, in the migration's transaction, then kept by the spend
 * batch statement.
 */
export const modelAndKeyRollups: Migration = {
  version: 3,
  name: 'model x day and key x day spend rollups',
  statements: (s) => [
    `CREATE TABLE ${s}.spend_daily_model (
      day date NOT NULL,
      model text NOT NULL,${SUMS},
      PRIMARY KEY (day, model)
    )`,
    `INSERT INTO ${s}.spend_daily_model (day, model, ${COLUMNS}) SELECT day, model, ${SUMMED} FROM ${s}.spend_daily_key GROUP BY day, model`,
    `CREATE TABLE ${s}.spend_daily_key_total (
      day date NOT NULL,
      key_hash text NOT NULL,${SUMS},
      PRIMARY KEY (key_hash, day)
    )`,
    `CREATE INDEX spend_daily_key_total_day ON ${s}.spend_daily_key_total (day, key_hash)`,
    `INSERT INTO ${s}.spend_daily_key_total (day, key_hash, ${COLUMNS}) SELECT day, key_hash, ${SUMMED} FROM ${s}.spend_daily_key GROUP BY day, key_hash`,
  ],
};
