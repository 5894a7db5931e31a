import type { Migration } from './migration.js';
import { initialSchema } from './001-initial-schema.js';
import { spendAttemptsAndFailures } from './002-spend-attempts-and-failures.js';
import { spendDailyModel } from './003-spend-daily-model.js';

/** Every migration, in version order. Append only. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema, spendAttemptsAndFailures, spendDailyModel];
