import { GatewayError } from '../../errors/gateway-error.js';
import type { ModelBudget } from '../../stores/budget-fields.js';
import type { KeyPatch, KeyRecord } from '../../stores/key-store.js';
import type { DataStore } from '../../stores/store-plugin.js';
import { durationMs, parseDuration } from '../budget-duration.js';
import { currentWindow } from '../build-charges.js';
import type { KeySystem } from '../key-system.js';
import { displayKeyName, generateKey, hashKey, toKeyHash } from '../key-material.js';
import { principalHash, type Principal } from '../principal.js';
import { newBudgetFields, readBudgetFields } from './budget-input.js';
import { countMap, idList, money, object, requiredText, stringList, text, textMap, type Fields } from './field-readers.js';
import { presentKey, usd } from './present.js';

export interface Management {
  readonly system: KeySystem;
  readonly store: DataStore;
  readonly principal: Principal;
  readonly now: number;
}

/** The key fields beyond the shared budget ones, as a patch. */
function readKeyFields(fields: Fields, now: number): KeyPatch {
  const patch: { -readonly [K in keyof KeyPatch]: KeyPatch[K] } = { ...readBudgetFields(fields, now) };
  const keyAlias = text(fields, 'key_alias');
  if (keyAlias !== undefined) patch.keyAlias = keyAlias === '' ? null : keyAlias;
  const teamId = text(fields, 'team_id');
  if (teamId !== undefined) patch.teamId = teamId;
  const userId = text(fields, 'user_id');
  if (userId !== undefined) patch.userId = userId;
  const duration = text(fields, 'duration');
  if (duration !== undefined) patch.expiresAt = duration === null ? null : now + durationMs(parseDuration(duration, 'duration'));
  const expires = text(fields, 'expires');
  if (expires !== undefined) {
    const at = expires === null ? null : Date.parse(expires);
    if (at !== null && Number.isNaN(at)) throw new GatewayError('invalid_value', "'expires' must be an ISO 8601 date-time.", { param: 'expires' });
    patch.expiresAt = at;
  }
  const aliases = textMap(fields, 'aliases');
  if (aliases !== undefined) patch.aliases = aliases;
  const tags = stringList(fields, 'tags');
  if (tags !== undefined) patch.tags = tags;
  const modelRpm = countMap(fields, 'model_rpm_limit');
  if (modelRpm !== undefined) patch.modelRpmLimit = modelRpm;
  const modelTpm = countMap(fields, 'model_tpm_limit');
  if (modelTpm !== undefined) patch.modelTpmLimit = modelTpm;
  const modelMaxBudget = object(fields, 'model_max_budget');
  if (modelMaxBudget !== undefined) patch.modelMaxBudget = readModelMaxBudget(modelMaxBudget);
  return patch;
}

/** `{ "gpt-4o": { "budget_limit": 10, "time_period": "1d" } }` (a bare number: a budget that never resets). */
function readModelMaxBudget(value: Record<string, unknown>): Record<string, ModelBudget> {
  const result: Record<string, ModelBudget> = {};
  for (const [model, entry] of Object.entries(value)) {
    const param = `model_max_budget.${model}`;
    const fields: Fields = typeof entry === 'number' || typeof entry === 'string' ? { budget_limit: entry } : ((entry ?? {}) as Fields);
    const budgetLimit = money(fields, 'budget_limit');
    if (budgetLimit === undefined || budgetLimit === null) {
      throw new GatewayError('invalid_value', `'${param}.budget_limit' must be an amount in USD.`, { param });
    }
    const period = text(fields, 'time_period') ?? null;
    if (period !== null) parseDuration(period, `${param}.time_period`);
    result[model] = { budgetLimit, timePeriod: period };
  }
  return result;
}

async function checkTeam(store: DataStore, teamId: string | null | undefined): Promise<void> {
  if (teamId === undefined || teamId === null) return;
  if ((await store.getTeam(teamId)) === undefined) throw new GatewayError('invalid_value', `Team ${JSON.stringify(teamId)} does not exist; create it with /team/new first.`, { param: 'team_id' });
}

/** The plaintext key of a request field (`key`: a custom key to store), which must look like one. */
function customKey(fields: Fields): string | undefined {
  const key = text(fields, 'key');
  if (key === undefined || key === null) return undefined;
  if (!key.startsWith('sk-') || key.length < 20) throw new GatewayError('invalid_value', "A custom 'key' must start with sk- and be at least 20 characters long.", { param: 'key' });
  return key;
}

function created(plaintext: string, record: KeyRecord): Record<string, unknown> {
  // The plaintext is in this answer only: it is never stored and never shown again.
  return { key: plaintext, token_id: record.tokenHash, ...presentKey(record) };
}

export async function generateKeyRecord(management: Management, fields: Fields): Promise<{ plaintext: string; record: KeyRecord }> {
  const { store, now, principal } = management;
  const plaintext = customKey(fields) ?? generateKey();
  const patch = readKeyFields(fields, now);
  await checkTeam(store, patch.teamId);
  const base = newBudgetFields(fields, now);
  const record: KeyRecord = {
    ...base,
    tokenHash: hashKey(plaintext),
    keyName: displayKeyName(plaintext),
    keyAlias: null,
    userId: null,
    teamId: null,
    expiresAt: null,
    aliases: {},
    tags: [],
    modelMaxBudget: {},
    modelRpmLimit: {},
    modelTpmLimit: {},
    createdBy: principal.kind === 'master' ? 'master_key' : (principal.key.userId ?? principal.key.tokenHash),
    ...patch,
  };
  await store.createKey(record);
  await management.system.publish({ owner: 'key', id: record.tokenHash });
  return { plaintext, record };
}

export async function generate(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { plaintext, record } = await generateKeyRecord(management, fields);
  return created(plaintext, record);
}

async function existing(store: DataStore, given: string): Promise<KeyRecord> {
  const record = await store.getKey(toKeyHash(given));
  if (record === undefined) throw new GatewayError('record_not_found', 'Key not found.', { param: 'key' });
  return record;
}

export async function update(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const current = await existing(store, requiredText(fields, 'key'));
  const patch = readKeyFields(fields, now);
  await checkTeam(store, patch.teamId);
  const record = await store.updateKey(current.tokenHash, { ...patch, updatedAt: now });
  if (record === undefined) throw new GatewayError('record_not_found', 'Key not found.', { param: 'key' });
  await management.system.publish({ owner: 'key', id: record.tokenHash });
  return { key: record.tokenHash, ...presentKey(record) };
}

export async function setBlocked(management: Management, fields: Fields, blocked: boolean): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const current = await existing(store, requiredText(fields, 'key'));
  const record = await store.updateKey(current.tokenHash, { blocked, updatedAt: now });
  if (record === undefined) throw new GatewayError('record_not_found', 'Key not found.', { param: 'key' });
  await management.system.publish({ owner: 'key', id: record.tokenHash });
  return presentKey(record);
}

export async function remove(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store } = management;
  const given = idList(fields, 'keys') ?? [];
  const aliases = idList(fields, 'key_aliases') ?? [];
  if (given.length === 0 && aliases.length === 0) {
    throw new GatewayError('missing_required_parameter', "Missing required parameter: 'keys' (or 'key_aliases').", { param: 'keys' });
  }
  const hashes = new Map<string, string>(given.map((value) => [toKeyHash(value), value]));
  for (const alias of aliases) {
    const record = await store.getKeyByAlias(alias);
    if (record !== undefined) hashes.set(record.tokenHash, alias);
  }
  const deleted = await store.deleteKeys([...hashes.keys()]);
  for (const hash of deleted) await management.system.publish({ owner: 'key', id: hash });
  return { deleted_keys: deleted.map((hash) => hashes.get(hash) ?? hash) };
}

export async function regenerate(management: Management, fields: Fields, pathKey: string | undefined): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const current = await existing(store, pathKey ?? requiredText(fields, 'key'));
  const plaintext = text(fields, 'new_key') ?? generateKey();
  if (!plaintext.startsWith('sk-') || plaintext.length < 20) throw new GatewayError('invalid_value', "'new_key' must start with sk- and be at least 20 characters long.", { param: 'new_key' });
  const patch = readKeyFields({ ...fields, key: undefined }, now);
  const record = await store.replaceKeyHash(current.tokenHash, { tokenHash: hashKey(plaintext), keyName: displayKeyName(plaintext), patch: { ...patch, updatedAt: now } });
  if (record === undefined) throw new GatewayError('record_not_found', 'Key not found.', { param: 'key' });
  await management.system.publish({ owner: 'key', id: current.tokenHash });
  await management.system.publish({ owner: 'key', id: record.tokenHash });
  return created(plaintext, record);
}

/** `/key/info`: any key for an admin; a key's own info for anyone holding it. */
export async function info(management: Management, query: URLSearchParams, admin: boolean): Promise<Record<string, unknown>> {
  const { store, principal } = management;
  const given = query.get('key');
  const hash = given === null || given === '' ? principalHash(principal) : toKeyHash(given);
  if (!admin && hash !== principalHash(principal)) throw new GatewayError('admin_required', 'A key may only read its own /key/info; the master key or a proxy_admin key reads any.');
  const record = await existing(store, hash);
  const rows = await store.spendReport({ groupBy: 'key', fromDay: '1970-01-01', toDay: '9999-12-31', id: hash });
  const modelSpend: Record<string, number> = {};
  const totals = new Map<string, bigint>();
  for (const row of rows) totals.set(row.model, (totals.get(row.model) ?? 0n) + row.spend);
  for (const [model, spend] of totals) modelSpend[model] = usd(spend);
  const current = currentWindow(record, management.now);
  const [window] =
    record.maxBudget === null
      ? []
      : await management.system.counters.budgetStates([{ id: `key:${hash}`, windowEndsAt: current.endsAt, limit: record.maxBudget, baseline: current.baseline }]).catch(() => []);
  return {
    key: hash,
    info: {
      ...presentKey(record),
      model_spend: modelSpend,
      // What this instance's counters hold for the current window: settled spend not yet in the
      // store, and reservations of requests in flight.
      live_spend: window === undefined ? null : usd(window.spent),
      reserved_spend: window === undefined ? null : usd(window.reserved),
    },
  };
}

export async function list(management: Management, query: URLSearchParams): Promise<Record<string, unknown>> {
  const page = positive(query.get('page'), 1, 'page');
  const size = Math.min(positive(query.get('size'), 10, 'size'), 100);
  const full = query.get('return_full_object') === 'true';
  const filter = (name: string) => query.get(name) ?? undefined;
  const { records, total } = await management.store.listKeys({
    offset: (page - 1) * size,
    limit: size,
    ...definedOnly({ userId: filter('user_id'), teamId: filter('team_id'), keyAlias: filter('key_alias') }),
  });
  return {
    keys: full ? records.map(presentKey) : records.map((record) => record.tokenHash),
    total_count: total,
    current_page: page,
    total_pages: Math.ceil(total / size),
  };
}

export function positive(value: string | null, fallback: number, param: string): number {
  if (value === null || value === '') return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new GatewayError('invalid_value', `'${param}' must be a positive integer.`, { param });
  return number;
}

export function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) if (item !== undefined) result[name] = item;
  return result as { [K in keyof T]?: Exclude<T[K], undefined> };
}
