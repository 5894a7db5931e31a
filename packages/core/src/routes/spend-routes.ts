import { spendLogs, spendReport } from '../keys/management/spend-operations.js';
import { spendSummary } from '../keys/management/spend-summary-operation.js';
import { managementRoute } from './management-route.js';
import type { Route } from './route.js';

/** `GET /spend/logs` (a key reads its own rows; admins any) and `GET /global/spend/report` (admins). */
export const SPEND_ROUTES: readonly Route[] = [
  managementRoute({ name: 'spend.logs', method: 'GET', paths: ['/spend/logs'], admin: false, run: ({ management, query, admin }) => spendLogs(management, query, admin) }),
  managementRoute({ name: 'spend.report', method: 'GET', paths: ['/global/spend/report'], response: true, run: ({ management, query }) => spendReport(management, query) }),
  // The admin UI's usage page: totals per model, key or team and per-day figures of the largest, summed in the store.
  managementRoute({ name: 'spend.summary', method: 'GET', paths: ['/spend/summary'], run: ({ management, query }) => spendSummary(management, query) }),
];
