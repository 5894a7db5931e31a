import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../errors/gateway-error.js';
import type { DataStore } from '../../stores/store-plugin.js';
import type { UserPatch, UserRecord, UserRole } from '../../stores/key-store.js';
import { newBudgetFields, readBudgetFields } from './budget-input.js';
import { flag, idList, requiredText, stringList, text, type Fields } from './field-readers.js';
import { generateKeyRecord, positive, type Management } from './key-operations.js';
import { presentKey, presentTeam, presentUser } from './present.js';

const ROLES: readonly UserRole[] = ['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer'];

function readUserFields(fields: Fields, now: number): UserPatch {
  const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = { ...readBudgetFields(fields, now) };
  const email = text(fields, 'user_email');
  if (email !== undefined) patch.userEmail = email;
  const role = text(fields, 'user_role');
  if (role !== undefined && role !== null) {
    if (!ROLES.includes(role as UserRole)) throw new GatewayError('invalid_value', `'user_role' must be one of ${ROLES.join(', ')}.`, { param: 'user_role' });
    patch.userRole = role as UserRole;
  }
  const teams = stringList(fields, 'teams');
  if (teams !== undefined) patch.teams = teams;
  return patch;
}

/** Keeps each team's `members` in step with a user's teams (teams that exist). */
async function syncTeams(store: DataStore, userId: string, before: readonly string[], after: readonly string[], now: number): Promise<void> {
  for (const teamId of after) {
    if (before.includes(teamId)) continue;
    const team = await store.getTeam(teamId);
    if (team !== undefined && !team.members.includes(userId)) await store.updateTeam(teamId, { members: [...team.members, userId], updatedAt: now });
  }
  for (const teamId of before) {
    if (after.includes(teamId)) continue;
    const team = await store.getTeam(teamId);
    if (team !== undefined) await store.updateTeam(teamId, { members: team.members.filter((member) => member !== userId), updatedAt: now });
  }
}

async function existing(store: DataStore, userId: string): Promise<UserRecord> {
  const user = await store.getUser(userId);
  if (user === undefined) throw new GatewayError('record_not_found', `User ${JSON.stringify(userId)} not found.`, { param: 'user_id' });
  return user;
}

/** `/user/new`: a user, and (unless `auto_create_key: false`) a key for it, as LiteLLM does. */
export async function newUser(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const record: UserRecord = { ...newBudgetFields(fields, now), userId: text(fields, 'user_id') ?? randomUUID(), userEmail: null, userRole: 'internal_user', teams: [], ...readUserFields(fields, now) };
  await store.createUser(record);
  await syncTeams(store, record.userId, [], record.teams, now);
  const answer: Record<string, unknown> = presentUser(record);
  if (flag(fields, 'auto_create_key') !== false) {
    // The user's own limits apply through the user; the key carries none of them itself.
    const { plaintext, record: key } = await generateKeyRecord(management, { user_id: record.userId, key_alias: fields.key_alias, models: fields.key_models, team_id: record.teams.length === 1 ? record.teams[0] : undefined });
    Object.assign(answer, { key: plaintext, token_id: key.tokenHash, key_name: key.keyName });
  }
  return answer;
}

export async function updateUser(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const current = await existing(store, requiredText(fields, 'user_id'));
  const record = await store.updateUser(current.userId, { ...readUserFields(fields, now), updatedAt: now });
  if (record === undefined) throw new GatewayError('record_not_found', 'User not found.', { param: 'user_id' });
  await syncTeams(store, record.userId, current.teams, record.teams, now);
  await management.system.publish({ owner: 'user', id: record.userId });
  return { user_id: record.userId, data: presentUser(record), ...presentUser(record) };
}

/** `/user/info`: any user for an admin; the caller's own user otherwise. */
export async function userInfo(management: Management, query: URLSearchParams, admin: boolean): Promise<Record<string, unknown>> {
  const { store, principal } = management;
  const own = principal.kind === 'key' ? principal.key.userId : null;
  const userId = query.get('user_id') ?? own;
  if (userId === null || userId === '') throw new GatewayError('missing_required_parameter', "Missing required parameter: 'user_id'.", { param: 'user_id' });
  if (!admin && userId !== own) throw new GatewayError('admin_required', 'A key may only read its own user; the master key or a proxy_admin key reads any.');
  const user = await existing(store, userId);
  const keys = await store.listKeys({ userId, offset: 0, limit: 1000 });
  const teams = [];
  for (const teamId of user.teams) {
    const team = await store.getTeam(teamId);
    if (team !== undefined) teams.push(presentTeam(team));
  }
  return { user_id: userId, user_info: presentUser(user), keys: keys.records.map(presentKey), teams };
}

/** Deletes users and their keys, as LiteLLM does. */
export async function deleteUsers(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const ids = idList(fields, 'user_ids');
  if (ids === undefined || ids.length === 0) throw new GatewayError('missing_required_parameter', "Missing required parameter: 'user_ids'.", { param: 'user_ids' });
  const deleted: string[] = [];
  for (const userId of ids) {
    const user = await store.getUser(userId);
    if (user === undefined) continue;
    for (;;) {
      const keys = await store.listKeys({ userId, offset: 0, limit: 500 });
      if (keys.records.length === 0) break;
      for (const hash of await store.deleteKeys(keys.records.map((key) => key.tokenHash))) await management.system.publish({ owner: 'key', id: hash });
    }
    await store.deleteUsers([userId]);
    await syncTeams(store, userId, user.teams, [], now);
    await management.system.publish({ owner: 'user', id: userId });
    deleted.push(userId);
  }
  return { deleted_users: deleted };
}

export async function listUsers(management: Management, query: URLSearchParams): Promise<Record<string, unknown>> {
  const page = positive(query.get('page'), 1, 'page');
  const size = Math.min(positive(query.get('page_size') ?? query.get('size'), 25, 'page_size'), 100);
  const teamId = query.get('team_id') ?? undefined;
  const { records, total } = await management.store.listUsers({ offset: (page - 1) * size, limit: size, ...(teamId === undefined ? {} : { teamId }) });
  return { users: records.map(presentUser), total, page, page_size: size, total_pages: Math.ceil(total / size) };
}
