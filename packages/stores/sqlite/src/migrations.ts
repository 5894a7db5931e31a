import type Database from 'better-sqlite3';

/**
 * The schema, one entry per version, applied in order at start inside one transaction each.
 * Never edit a released entry: add the next version. Money columns are TEXT holding whole
 * attoUSD (SQLite's integers stop at 2^63 attoUSD, $9.22); sums go through `atto_add` and
 * `atto_sum`, registered by `openSqliteStore` before migrating.
 */
export const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE keys (
        token_hash TEXT PRIMARY KEY,
        key_alias TEXT UNIQUE,
        user_id TEXT,
        team_id TEXT,
        spend TEXT NOT NULL DEFAULT '0',
        budget_duration TEXT,
        budget_reset_at INTEGER,
        created_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX keys_by_created ON keys (created_at, token_hash);
      CREATE INDEX keys_by_user ON keys (user_id, created_at);
      CREATE INDEX keys_by_team ON keys (team_id, created_at);
      CREATE INDEX keys_by_reset ON keys (budget_reset_at) WHERE budget_reset_at IS NOT NULL;

      CREATE TABLE teams (
        team_id TEXT PRIMARY KEY,
        spend TEXT NOT NULL DEFAULT '0',
        budget_duration TEXT,
        budget_reset_at INTEGER,
        created_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX teams_by_created ON teams (created_at, team_id);
      CREATE INDEX teams_by_reset ON teams (budget_reset_at) WHERE budget_reset_at IS NOT NULL;

      CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        spend TEXT NOT NULL DEFAULT '0',
        budget_duration TEXT,
        budget_reset_at INTEGER,
        created_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX users_by_created ON users (created_at, user_id);
      CREATE INDEX users_by_reset ON users (budget_reset_at) WHERE budget_reset_at IS NOT NULL;
      CREATE TABLE user_teams (
        user_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        PRIMARY KEY (team_id, user_id)
      );

      CREATE TABLE spend_logs (
        request_id TEXT NOT NULL UNIQUE,
        key_hash TEXT,
        key_alias TEXT,
        team_id TEXT,
        user_id TEXT,
        model TEXT,
        deployment TEXT,
        provider TEXT,
        endpoint TEXT NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        cost TEXT,
        outcome TEXT NOT NULL,
        status INTEGER NOT NULL,
        error_code TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        tags TEXT NOT NULL
      );
      -- One index per /spend/logs filter, each ending in the page order, so a filtered page is
      -- an index range read backwards, however many rows the table holds.
      CREATE INDEX spend_by_time ON spend_logs (started_at, request_id);
      CREATE INDEX spend_by_key ON spend_logs (key_hash, started_at, request_id);
      CREATE INDEX spend_by_user ON spend_logs (user_id, started_at, request_id);
      CREATE INDEX spend_by_team ON spend_logs (team_id, started_at, request_id);
      CREATE INDEX spend_by_model ON spend_logs (model, started_at, request_id);

      CREATE TABLE spend_daily_key (
        day TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        model TEXT NOT NULL,
        requests INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        spend TEXT NOT NULL,
        PRIMARY KEY (day, key_hash, model)
      );
      CREATE INDEX spend_daily_key_by_key ON spend_daily_key (key_hash, day);
      CREATE TABLE spend_daily_team (
        day TEXT NOT NULL,
        team_id TEXT NOT NULL,
        model TEXT NOT NULL,
        requests INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        spend TEXT NOT NULL,
        PRIMARY KEY (day, team_id, model)
      );
      CREATE INDEX spend_daily_team_by_team ON spend_daily_team (team_id, day);
    `,
  },
  {
    version: 2,
    sql: `
      -- The router's attempts of each request, as JSON (NULL on rows written before).
      ALTER TABLE spend_logs ADD COLUMN attempts TEXT;
      -- /spend/logs?status_filter=failure: partial indexes that only failed rows enter (a
      -- success write touches none of them), one per filter, each ending in the page order,
      -- so a page of failures is a range read however rare failures are. Success pages read
      -- the filter's own index and skip the (usually few) failures.
      CREATE INDEX spend_failed_by_time ON spend_logs (started_at, request_id) WHERE outcome <> 'success';
      CREATE INDEX spend_failed_by_key ON spend_logs (key_hash, started_at, request_id) WHERE outcome <> 'success';
      CREATE INDEX spend_failed_by_user ON spend_logs (user_id, started_at, request_id) WHERE outcome <> 'success';
      CREATE INDEX spend_failed_by_team ON spend_logs (team_id, started_at, request_id) WHERE outcome <> 'success';
      CREATE INDEX spend_failed_by_model ON spend_logs (model, started_at, request_id) WHERE outcome <> 'success';
    `,
  },
  {
    version: 3,
    sql: `
      -- Rollups for the usage page's largest reads: by model (90 days of 8 models is 720 rows,
      -- where the key rollup also holds a row per key: 360,000 for 500 keys) and by key over
      -- every model (45,000). Both are sums of the key rollup, kept by triggers on it rather than
      -- by the spend writer, so a process of an older release that writes the key rollup during
      -- a rolling upgrade keeps them right too (its connection has atto_add, the only function
      -- they call). Filled here from the key rollup.
      CREATE TABLE spend_daily_model (
        day TEXT NOT NULL,
        model TEXT NOT NULL,
        requests INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        spend TEXT NOT NULL,
        PRIMARY KEY (day, model)
      );
      INSERT INTO spend_daily_model
        SELECT day, model, SUM(requests), SUM(failures), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(reasoning_tokens), atto_sum(spend)
        FROM spend_daily_key GROUP BY day, model;
      CREATE TABLE spend_daily_key_total (
        day TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        requests INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        spend TEXT NOT NULL,
        PRIMARY KEY (day, key_hash)
      );
      CREATE INDEX spend_daily_key_total_by_key ON spend_daily_key_total (key_hash, day);
      INSERT INTO spend_daily_key_total
        SELECT day, key_hash, SUM(requests), SUM(failures), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(reasoning_tokens), atto_sum(spend)
        FROM spend_daily_key GROUP BY day, key_hash;
      -- A new key rollup row adds itself; a changed one (an upsert's DO UPDATE) adds its change.
      -- Its day, key and model never change.
      CREATE TRIGGER spend_daily_key_inserted AFTER INSERT ON spend_daily_key BEGIN
        INSERT INTO spend_daily_model VALUES (NEW.day, NEW.model,
            NEW.requests, NEW.failures, NEW.input_tokens, NEW.output_tokens, NEW.cached_input_tokens, NEW.reasoning_tokens, NEW.spend)
          ON CONFLICT (day, model) DO UPDATE SET
            requests = requests + excluded.requests, failures = failures + excluded.failures, input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens, cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
            reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
            spend = atto_add(spend, excluded.spend);
        INSERT INTO spend_daily_key_total VALUES (NEW.day, NEW.key_hash,
            NEW.requests, NEW.failures, NEW.input_tokens, NEW.output_tokens, NEW.cached_input_tokens, NEW.reasoning_tokens, NEW.spend)
          ON CONFLICT (day, key_hash) DO UPDATE SET
            requests = requests + excluded.requests, failures = failures + excluded.failures, input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens, cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
            reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
            spend = atto_add(spend, excluded.spend);
      END;
      CREATE TRIGGER spend_daily_key_updated AFTER UPDATE ON spend_daily_key BEGIN
        UPDATE spend_daily_model SET
            requests = requests + NEW.requests - OLD.requests, failures = failures + NEW.failures - OLD.failures,
            input_tokens = input_tokens + NEW.input_tokens - OLD.input_tokens, output_tokens = output_tokens + NEW.output_tokens - OLD.output_tokens,
            cached_input_tokens = cached_input_tokens + NEW.cached_input_tokens - OLD.cached_input_tokens, reasoning_tokens = reasoning_tokens + NEW.reasoning_tokens - OLD.reasoning_tokens,
            spend = atto_add(atto_add(spend, NEW.spend), '-' || OLD.spend)
          WHERE day = NEW.day AND model = NEW.model;
        UPDATE spend_daily_key_total SET
            requests = requests + NEW.requests - OLD.requests, failures = failures + NEW.failures - OLD.failures,
            input_tokens = input_tokens + NEW.input_tokens - OLD.input_tokens, output_tokens = output_tokens + NEW.output_tokens - OLD.output_tokens,
            cached_input_tokens = cached_input_tokens + NEW.cached_input_tokens - OLD.cached_input_tokens, reasoning_tokens = reasoning_tokens + NEW.reasoning_tokens - OLD.reasoning_tokens,
            spend = atto_add(atto_add(spend, NEW.spend), '-' || OLD.spend)
          WHERE day = NEW.day AND key_hash = NEW.key_hash;
      END;
    `,
  },
];

/** Applies the versions not applied yet; BEGIN IMMEDIATE, so two processes starting at once apply each once. */
export function migrate(database: Database.Database): number {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = database.prepare<[], { version: number }>('SELECT version FROM schema_migrations');
  const record = database.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  let count = 0;
  for (const migration of MIGRATIONS) {
    const apply = database.transaction(() => {
      const done = new Set(applied.all().map((row) => row.version));
      if (done.has(migration.version)) return;
      database.exec(migration.sql);
      record.run(migration.version, Date.now());
      count++;
    });
    apply.immediate();
  }
  return count;
}
