import type { Migration } from './migration.js';
import { initialSchema } from './001-initial-schema.js';

/** Every migration, in version order. Append only. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema];
