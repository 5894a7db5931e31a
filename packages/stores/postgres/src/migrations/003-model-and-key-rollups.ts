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

const ADD_EXCLUDED = (table: string) => COLUMNS.split(', ').map((column) => `${column} = ${table}.${column} + EXCLUDED.${column}`).join(', ');

/**
 * Rollups for the usage page's largest reads: by model (90 days of 8 models is 720 rows, where
 * the key rollup also holds a row per key: 360,000 for 500 keys) and by key over every model
 * (45,000). Both are sums of the key rollup, filled here from it and then kept by statement
 * triggers on it, set-based over each statement's transition tables: the rows a statement
 * inserted add themselves, the rows it updated (the spend batch's ON CONFLICT DO UPDATE) add
 * their change. So an instance of an older release that writes the key rollup during a rolling
 * upgrade keeps them right too. A key rollup row's day, key and model never change.
 */
export const modelAndKeyRollups: Migration = {
  version: 3,
  name: 'model x day and key x day spend rollups',
  statements: (s) => {
    // The sums of `rows` (a transition table, or the change between two) into both rollups, in key order.
    // The change is the new rows plus the old ones negated, summed: a join of the two transition
    // tables (which have no indexes) made a 500-row batch a third slower.
    const addTo = (rows: string) => [
      `INSERT INTO ${s}.spend_daily_model AS t (day, model, ${COLUMNS})
         SELECT day, model, ${SUMMED} FROM ${rows} GROUP BY day, model ORDER BY day, model
         ON CONFLICT (day, model) DO UPDATE SET ${ADD_EXCLUDED('t')};`,
      `INSERT INTO ${s}.spend_daily_key_total AS t (day, key_hash, ${COLUMNS})
         SELECT day, key_hash, ${SUMMED} FROM ${rows} GROUP BY key_hash, day ORDER BY key_hash, day
         ON CONFLICT (key_hash, day) DO UPDATE SET ${ADD_EXCLUDED('t')};`,
    ].join('\n');
    const change = `(SELECT day, key_hash, model, ${COLUMNS} FROM new_rows
      UNION ALL SELECT day, key_hash, model, ${COLUMNS.split(', ').map((column) => `-${column}`).join(', ')} FROM old_rows) AS change`;
    return [
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
      `CREATE FUNCTION ${s}.spend_daily_key_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         ${addTo('new_rows')}
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION ${s}.spend_daily_key_updated() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         ${addTo(change)}
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER spend_daily_key_inserted AFTER INSERT ON ${s}.spend_daily_key
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.spend_daily_key_inserted()`,
      `CREATE TRIGGER spend_daily_key_updated AFTER UPDATE ON ${s}.spend_daily_key
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.spend_daily_key_updated()`,
    ];
  },
};
