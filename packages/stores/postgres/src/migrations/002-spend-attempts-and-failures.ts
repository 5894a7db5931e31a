import type { Migration } from './migration.js';

/**
 * The router's attempts of each request (jsonb; NULL on rows written before), and partial
 * indexes for `/spend/logs?status_filter=failure`: only failed rows enter them (a success write
 * touches none), one per filter, each ending in the page order, so a page of failures is an
 * index range scan however rare failures are. Success pages use the filter's own index.
 * Adding a nullable column without a default rewrites nothing; the indexes are built inside the
 * migration's transaction (writes to spend_logs wait while they build, reads do not).
 */
export const spendAttemptsAndFailures: Migration = {
  version: 2,
  name: 'spend log attempts, failure indexes',
  statements: (s) => [
    `ALTER TABLE ${s}.spend_logs ADD COLUMN attempts jsonb`,
    `CREATE INDEX spend_logs_failed_time ON ${s}.spend_logs (start_time DESC, request_id DESC) WHERE outcome <> 'success'`,
    `CREATE INDEX spend_logs_failed_key ON ${s}.spend_logs (key_hash, start_time DESC, request_id DESC) WHERE outcome <> 'success' AND key_hash IS NOT NULL`,
    `CREATE INDEX spend_logs_failed_user ON ${s}.spend_logs (user_id, start_time DESC, request_id DESC) WHERE outcome <> 'success' AND user_id IS NOT NULL`,
    `CREATE INDEX spend_logs_failed_team ON ${s}.spend_logs (team_id, start_time DESC, request_id DESC) WHERE outcome <> 'success' AND team_id IS NOT NULL`,
    `CREATE INDEX spend_logs_failed_model ON ${s}.spend_logs (model, start_time DESC, request_id DESC) WHERE outcome <> 'success' AND model IS NOT NULL`,
  ],
};
