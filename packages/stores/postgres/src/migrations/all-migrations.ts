import type { Migration } from './migration.js';
import { initialSchema } from './001-initial-schema.js';
import { spendAttemptsAndFailures } from './002-spend-attempts-and-failures.js';
import { modelAndKeyRollups } from './003-model-and-key-rollups.js';

/** Every migration, in version order. Append only. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema, spendAttemptsAndFailures, modelAndKeyRollups];
