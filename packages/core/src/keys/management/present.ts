import { formatAttoUsd } from '../../cost/atto-usd.js';
import type { BudgetFields } from '../../stores/budget-fields.js';
import type { KeyRecord, TeamRecord, UserRecord } from '../../stores/key-store.js';
import type { SpendAttempt, SpendRecord, SpendRollupRow } from '../../stores/spend-store.js';

/** USD as LiteLLM's JSON carries it: a number (exact amounts stay in the store and in `*_exact` strings). */
export function usd(atto: bigint): number {
  return Number(formatAttoUsd(atto));
}

function usdOrNull(atto: bigint | null): number | null {
  return atto === null ? null : usd(atto);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function budget(record: BudgetFields): Record<string, unknown> {
  return {
    spend: usd(record.spend),
    max_budget: usdOrNull(record.maxBudget),
    soft_budget: usdOrNull(record.softBudget),
    budget_duration: record.budgetDuration,
    budget_reset_at: iso(record.budgetResetAt),
    tpm_limit: record.tpmLimit,
    rpm_limit: record.rpmLimit,
    max_parallel_requests: record.maxParallelRequests,
    models: record.models,
    blocked: record.blocked,
    metadata: record.metadata,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}

/** A key as LiteLLM's /key/info `info` shows it (never the plaintext: `token` is the hash). */
export function presentKey(record: KeyRecord): Record<string, unknown> {
  const modelMaxBudget: Record<string, unknown> = {};
  for (const [model, entry] of Object.entries(record.modelMaxBudget)) modelMaxBudget[model] = { budget_limit: usd(entry.budgetLimit), time_period: entry.timePeriod };
  return {
    token: record.tokenHash,
    key_name: record.keyName,
    key_alias: record.keyAlias,
    user_id: record.userId,
    team_id: record.teamId,
    expires: iso(record.expiresAt),
    aliases: record.aliases,
    tags: record.tags,
    model_max_budget: modelMaxBudget,
    model_rpm_limit: record.modelRpmLimit,
    model_tpm_limit: record.modelTpmLimit,
    created_by: record.createdBy,
    soft_budget_exceeded: record.softBudget !== null && record.spend >= record.softBudget,
    ...budget(record),
  };
}

export function presentTeam(record: TeamRecord): Record<string, unknown> {
  return {
    team_id: record.teamId,
    team_alias: record.teamAlias,
    members: record.members,
    members_with_roles: record.members.map((userId) => ({ user_id: userId, role: 'user' })),
    ...budget(record),
  };
}

export function presentUser(record: UserRecord): Record<string, unknown> {
  return { user_id: record.userId, user_email: record.userEmail, user_role: record.userRole, teams: record.teams, ...budget(record) };
}

/** A spend log row with LiteLLM's field names (`api_key` is the key's hash). */
export function presentSpend(record: SpendRecord): Record<string, unknown> {
  return {
    request_id: record.requestId,
    api_key: record.keyHash,
    key_alias: record.keyAlias,
    user: record.userId,
    team_id: record.teamId,
    model: record.model,
    model_group: record.model,
    model_id: record.deployment,
    custom_llm_provider: record.provider,
    call_type: record.endpoint,
    prompt_tokens: record.inputTokens,
    completion_tokens: record.outputTokens,
    total_tokens: record.inputTokens + record.outputTokens,
    cached_tokens: record.cachedInputTokens,
    cache_write_tokens: record.cacheWriteTokens,
    reasoning_tokens: record.reasoningTokens,
    spend: record.cost === null ? 0 : usd(record.cost),
    spend_exact: record.cost === null ? null : formatAttoUsd(record.cost),
    status: record.outcome === 'success' ? 'success' : 'failure',
    outcome: record.outcome,
    http_status: record.status,
    error_code: record.errorCode,
    startTime: new Date(record.startedAt).toISOString(),
    endTime: new Date(record.endedAt).toISOString(),
    duration_ms: record.durationMs,
    request_tags: record.tags,
    // LiteLLM's SpendLogs have no per-attempt field; null on rows written before attempts were stored.
    attempts: record.attempts === undefined ? null : record.attempts.map(presentAttempt),
  };
}

/** One router attempt with the row's own field names; `status` as the row's (an error answered as a response is a failure too). */
function presentAttempt(attempt: SpendAttempt): Record<string, unknown> {
  return {
    model_id: attempt.deployment,
    model_group: attempt.modelGroup,
    status: attempt.errorCode === null && attempt.status < 400 ? 'success' : 'failure',
    http_status: attempt.status,
    error_code: attempt.errorCode,
    duration_ms: attempt.durationMs,
    fallback: attempt.fallback,
  };
}

export function presentRollup(row: SpendRollupRow, groupBy: 'key' | 'team'): Record<string, unknown> {
  return {
    date: row.day,
    [groupBy === 'key' ? 'api_key' : 'team_id']: row.id,
    model: row.model,
    requests: row.requests,
    failures: row.failures,
    prompt_tokens: row.inputTokens,
    completion_tokens: row.outputTokens,
    cached_tokens: row.cachedInputTokens,
    reasoning_tokens: row.reasoningTokens,
    spend: usd(row.spend),
    spend_exact: formatAttoUsd(row.spend),
  };
}
