import type { KeyRecord, TeamRecord, UserRecord } from '@switchyard/core';
import { recordTable, type ColumnKind } from './record-table.js';

const BUDGET: readonly (readonly [string, string, ColumnKind])[] = [
  ['spend', 'spend', 'money'],
  ['max_budget', 'maxBudget', 'money'],
  ['soft_budget', 'softBudget', 'money'],
  ['budget_duration', 'budgetDuration', 'text'],
  ['budget_reset_at', 'budgetResetAt', 'time'],
  ['tpm_limit', 'tpmLimit', 'integer'],
  ['rpm_limit', 'rpmLimit', 'integer'],
  ['max_parallel_requests', 'maxParallelRequests', 'integer'],
  ['models', 'models', 'textArray'],
  ['blocked', 'blocked', 'boolean'],
  ['metadata', 'metadata', 'json'],
  ['created_at', 'createdAt', 'time'],
  ['updated_at', 'updatedAt', 'time'],
];

export const KEYS = recordTable<KeyRecord>('keys', [
  ['token_hash', 'tokenHash', 'text'],
  ['key_name', 'keyName', 'text'],
  ['key_alias', 'keyAlias', 'text'],
  ['user_id', 'userId', 'text'],
  ['team_id', 'teamId', 'text'],
  ['expires_at', 'expiresAt', 'time'],
  ['aliases', 'aliases', 'json'],
  ['tags', 'tags', 'textArray'],
  ['model_max_budget', 'modelMaxBudget', 'modelBudgets'],
  ['model_rpm_limit', 'modelRpmLimit', 'json'],
  ['model_tpm_limit', 'modelTpmLimit', 'json'],
  ['created_by', 'createdBy', 'text'],
  ...BUDGET,
]);

export const TEAMS = recordTable<TeamRecord>('teams', [
  ['team_id', 'teamId', 'text'],
  ['team_alias', 'teamAlias', 'text'],
  ['members', 'members', 'textArray'],
  ...BUDGET,
]);

export const USERS = recordTable<UserRecord>('users', [
  ['user_id', 'userId', 'text'],
  ['user_email', 'userEmail', 'text'],
  ['user_role', 'userRole', 'text'],
  ['teams', 'teams', 'textArray'],
  ...BUDGET,
]);
