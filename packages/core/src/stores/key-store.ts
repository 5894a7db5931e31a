import type { AttoUsd, BudgetFields, ModelBudget } from './budget-fields.js';

/** A virtual key as stored. The plaintext is never stored: only its SHA-256 (hex). */
export interface KeyRecord extends BudgetFields {
  /** SHA-256 of the plaintext key, lowercase hex (LiteLLM's `token`). The primary key. */
  readonly tokenHash: string;
  /** A display form that gives nothing away: `sk-...wxyz` (LiteLLM's `key_name`). */
  readonly keyName: string;
  /** Unique among keys when set. */
  readonly keyAlias: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  /** Epoch ms after which the key is refused (`expired_key`); null: never. */
  readonly expiresAt: number | null;
  /** Model name → the model group it stands for, for this key only. */
  readonly aliases: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  readonly modelMaxBudget: Readonly<Record<string, ModelBudget>>;
  readonly modelRpmLimit: Readonly<Record<string, number>>;
  readonly modelTpmLimit: Readonly<Record<string, number>>;
  /** The user id or `master_key` that created it. */
  readonly createdBy: string | null;
}

export interface TeamRecord extends BudgetFields {
  readonly teamId: string;
  readonly teamAlias: string | null;
  /** User ids of the members. */
  readonly members: readonly string[];
}

/** LiteLLM's roles; `proxy_admin` keys may call the management API. */
export type UserRole = 'proxy_admin' | 'proxy_admin_viewer' | 'internal_user' | 'internal_user_viewer';

export interface UserRecord extends BudgetFields {
  readonly userId: string;
  readonly userEmail: string | null;
  readonly userRole: UserRole;
  readonly teams: readonly string[];
}

/** The fields an update may change; absent fields keep their value. `spend` only when given. */
export type KeyPatch = Partial<Omit<KeyRecord, 'tokenHash' | 'createdAt' | 'createdBy'>>;
export type TeamPatch = Partial<Omit<TeamRecord, 'teamId' | 'createdAt'>>;
export type UserPatch = Partial<Omit<UserRecord, 'userId' | 'createdAt'>>;

export interface ListPage {
  /** 0-based offset and page size (LiteLLM's `page` is 1-based: offset = (page - 1) * size). */
  readonly offset: number;
  readonly limit: number;
}

export interface KeyListQuery extends ListPage {
  readonly userId?: string;
  readonly teamId?: string;
  readonly keyAlias?: string;
}

export interface Listed<T> {
  readonly records: readonly T[];
  /** All records matching the filters, across pages. */
  readonly total: number;
}

export type BudgetOwner = 'key' | 'team' | 'user';

/** A budget whose window ended: `spend` goes to 0 and `budgetResetAt` moves on. */
export interface DueBudget {
  readonly owner: BudgetOwner;
  /** tokenHash, teamId or userId. */
  readonly id: string;
  readonly budgetDuration: string;
  readonly budgetResetAt: number;
}

/**
 * Keys, teams and users. Implementations: `@switchyard/store-sqlite`, `@switchyard/store-postgres`;
 * both pass `describeStoreContract` (test/support/store-contract.ts).
 *
 * Errors: a uniqueness violation (an existing tokenHash, keyAlias, teamId, userId) rejects with
 * `GatewayError('duplicate_record')`; a database that cannot be reached with
 * `GatewayError('store_unavailable')`. Reads of a missing record resolve to undefined;
 * updates and deletes of missing records resolve to undefined / leave it out of the result.
 * The request path never calls this directly: it reads keys through the key cache.
 */
export interface KeyStore {
  createKey(record: KeyRecord): Promise<KeyRecord>;
  getKey(tokenHash: string): Promise<KeyRecord | undefined>;
  getKeyByAlias(keyAlias: string): Promise<KeyRecord | undefined>;
  updateKey(tokenHash: string, patch: KeyPatch): Promise<KeyRecord | undefined>;
  /**
   * `/key/regenerate`: moves the record to a new hash (and key name) in one step, applying
   * `patch`; the old hash stops existing. Undefined when `oldHash` does not exist.
   */
  replaceKeyHash(oldHash: string, next: { readonly tokenHash: string; readonly keyName: string; readonly patch?: KeyPatch }): Promise<KeyRecord | undefined>;
  /** Returns the hashes that existed and were deleted. */
  deleteKeys(tokenHashes: readonly string[]): Promise<readonly string[]>;
  /** Newest first (createdAt desc, then tokenHash). */
  listKeys(query: KeyListQuery): Promise<Listed<KeyRecord>>;

  createTeam(record: TeamRecord): Promise<TeamRecord>;
  getTeam(teamId: string): Promise<TeamRecord | undefined>;
  updateTeam(teamId: string, patch: TeamPatch): Promise<TeamRecord | undefined>;
  deleteTeams(teamIds: readonly string[]): Promise<readonly string[]>;
  /** Oldest first (createdAt asc, then teamId). */
  listTeams(query: ListPage): Promise<Listed<TeamRecord>>;

  createUser(record: UserRecord): Promise<UserRecord>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  updateUser(userId: string, patch: UserPatch): Promise<UserRecord | undefined>;
  deleteUsers(userIds: readonly string[]): Promise<readonly string[]>;
  /** Oldest first (createdAt asc, then userId). */
  listUsers(query: ListPage & { readonly teamId?: string }): Promise<Listed<UserRecord>>;

  /** Budgets with `budgetResetAt <= now`, oldest first, at most `limit`. */
  dueBudgets(now: number, limit: number): Promise<readonly DueBudget[]>;
  /**
   * Sets spend to 0 and budgetResetAt to `nextResetAt`, only if budgetResetAt still equals
   * `due.budgetResetAt` (so two instances resetting at once reset once). True when it reset.
   */
  resetBudget(due: DueBudget, nextResetAt: number): Promise<boolean>;
}
