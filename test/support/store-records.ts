import { createHash } from 'node:crypto';
import type { BudgetFields, KeyRecord, SpendRecord, TeamRecord, UserRecord } from '@switchyard/core';

/** Full records for store tests: every field set, money in attoUSD. */
export const USD = 10n ** 18n;
export const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function budgetFields(overrides: Partial<BudgetFields> = {}): BudgetFields {
  return {
    spend: 0n,
    maxBudget: null,
    softBudget: null,
    budgetDuration: null,
    budgetResetAt: null,
    tpmLimit: null,
    rpmLimit: null,
    maxParallelRequests: null,
    models: [],
    blocked: false,
    metadata: {},
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function keyRecord(overrides: Partial<KeyRecord> & { readonly plaintext?: string } = {}): KeyRecord {
  const { plaintext = `sk-test-${Math.random().toString(36).slice(2)}`, ...rest } = overrides;
  return {
    ...budgetFields(rest),
    tokenHash: sha256(plaintext),
    keyName: `sk-...${plaintext.slice(-4)}`,
    keyAlias: null,
    userId: null,
    teamId: null,
    expiresAt: null,
    aliases: {},
    tags: [],
    modelMaxBudget: {},
    modelRpmLimit: {},
    modelTpmLimit: {},
    createdBy: null,
    ...rest,
  };
}

export function teamRecord(overrides: Partial<TeamRecord> = {}): TeamRecord {
  return { ...budgetFields(overrides), teamId: `team-${Math.random().toString(36).slice(2)}`, teamAlias: null, members: [], ...overrides };
}

export function userRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    ...budgetFields(overrides),
    userId: `user-${Math.random().toString(36).slice(2)}`,
    userEmail: null,
    userRole: 'internal_user',
    teams: [],
    ...overrides,
  };
}

export function spendRecord(overrides: Partial<SpendRecord> = {}): SpendRecord {
  const startedAt = overrides.startedAt ?? T0;
  return {
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    keyHash: null,
    keyAlias: null,
    teamId: null,
    userId: null,
    model: 'gpt-4o-mini',
    deployment: 'gpt-4o-mini-1',
    provider: 'openai',
    endpoint: 'chat/completions',
    inputTokens: 10,
    outputTokens: 5,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: 1000n,
    outcome: 'success',
    status: 200,
    errorCode: null,
    startedAt,
    endedAt: startedAt + 100,
    durationMs: 100,
    tags: [],
    ...overrides,
  };
}
