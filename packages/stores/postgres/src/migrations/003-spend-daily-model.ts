import type { Migration } from './migration.js';

/**
 * A model × day rollup, for the usage page by model: 90 days of 8 models is 720 rows to sum,
 * where the key rollup also holds a row per key (360,000 for 500 keys). It counts the same rows
 * as the key rollup (requests made with a key), so by-model and by-key totals agree; filled here
 * from it, in the migration's transaction, then kept by the spend batch statement.
 */
export const spendDailyModel: Migration = {
  version: 3,
  name: 'model x day spend rollup',
  statements: (s) => [
    `CREATE TABLE ${s}.spend_daily_model (
      day date NOT NULL,
      model text NOT NULL,
      requests bigint NOT NULL DEFAULT 0,
      failures bigint NOT NULL DEFAULT 0,
      input_tokens bigint NOT NULL DEFAULT 0,
      output_tokens bigint NOT NULL DEFAULT 0,
      cached_input_tokens bigint NOT NULL DEFAULT 0,
      reasoning_tokens bigint NOT NULL DEFAULT 0,
      spend numeric(38, 18) NOT NULL DEFAULT 0,
      PRIMARY KEY (day, model)
    )`,
    `INSERT INTO ${s}.spend_daily_model (day, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend)
     SELECT day, model, sum(requests), sum(failures), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(reasoning_tokens), sum(spend)
     FROM ${s}.spend_daily_key GROUP BY day, model`,
  ],
};
