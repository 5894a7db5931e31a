import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../errors/gateway-error.js';
import type { TeamPatch, TeamRecord } from '../../stores/key-store.js';
import type { DataStore } from '../../stores/store-plugin.js';
import { newBudgetFields, readBudgetFields } from './budget-input.js';
import { idList, requiredText, text, type Fields } from './field-readers.js';
import type { Management } from './key-operations.js';
import { presentKey, presentTeam } from './present.js';

/** `members` as user ids, or LiteLLM's `members_with_roles: [{ user_id, role }]`. */
function readMembers(fields: Fields): string[] | undefined {
  const plain = idList(fields, 'members');
  const withRoles = fields.members_with_roles;
  if (withRoles === undefined || withRoles === null) return plain;
  if (!Array.isArray(withRoles)) throw new GatewayError('invalid_type', "Invalid type for 'members_with_roles': expected an array.", { param: 'members_with_roles' });
  const ids = withRoles.map((member: unknown) => (member !== null && typeof member === 'object' ? (member as { user_id?: unknown }).user_id : undefined));
  if (ids.some((id) => typeof id !== 'string' || id === '')) throw new GatewayError('invalid_value', "Each of 'members_with_roles' needs a user_id.", { param: 'members_with_roles' });
  return [...new Set([...(plain ?? []), ...(ids as string[])])];
}

function readTeamFields(fields: Fields, now: number): TeamPatch {
  const patch: { -readonly [K in keyof TeamPatch]: TeamPatch[K] } = { ...readBudgetFields(fields, now) };
  const alias = text(fields, 'team_alias');
  if (alias !== undefined) patch.teamAlias = alias;
  const members = readMembers(fields);
  if (members !== undefined) patch.members = members;
  return patch;
}

/** Keeps each user's `teams` in step with a team's members (users that exist). */
async function syncMembers(store: DataStore, teamId: string, before: readonly string[], after: readonly string[], now: number): Promise<void> {
  for (const userId of after) {
    if (before.includes(userId)) continue;
    const user = await store.getUser(userId);
    if (user !== undefined && !user.teams.includes(teamId)) await store.updateUser(userId, { teams: [...user.teams, teamId], updatedAt: now });
  }
  for (const userId of before) {
    if (after.includes(userId)) continue;
    const user = await store.getUser(userId);
    if (user !== undefined) await store.updateUser(userId, { teams: user.teams.filter((team) => team !== teamId), updatedAt: now });
  }
}

async function existing(store: DataStore, teamId: string): Promise<TeamRecord> {
  const team = await store.getTeam(teamId);
  if (team === undefined) throw new GatewayError('record_not_found', `Team ${JSON.stringify(teamId)} not found.`, { param: 'team_id' });
  return team;
}

export async function newTeam(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const record: TeamRecord = { ...newBudgetFields(fields, now), teamId: text(fields, 'team_id') ?? randomUUID(), teamAlias: null, members: [], ...readTeamFields(fields, now) };
  await store.createTeam(record);
  await syncMembers(store, record.teamId, [], record.members, now);
  return presentTeam(record);
}

export async function updateTeam(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const current = await existing(store, requiredText(fields, 'team_id'));
  const record = await store.updateTeam(current.teamId, { ...readTeamFields(fields, now), updatedAt: now });
  if (record === undefined) throw new GatewayError('record_not_found', 'Team not found.', { param: 'team_id' });
  await syncMembers(store, record.teamId, current.members, record.members, now);
  await management.system.publish({ owner: 'team', id: record.teamId });
  return { team_id: record.teamId, data: presentTeam(record), ...presentTeam(record) };
}

export async function teamInfo(management: Management, query: URLSearchParams): Promise<Record<string, unknown>> {
  const { store } = management;
  const team = await existing(store, query.get('team_id') ?? '');
  const keys = await store.listKeys({ teamId: team.teamId, offset: 0, limit: 1000 });
  return { team_id: team.teamId, team_info: presentTeam(team), keys: keys.records.map(presentKey) };
}

/** Deletes teams and their keys, as LiteLLM does. */
export async function deleteTeams(management: Management, fields: Fields): Promise<Record<string, unknown>> {
  const { store, now } = management;
  const ids = idList(fields, 'team_ids');
  if (ids === undefined || ids.length === 0) throw new GatewayError('missing_required_parameter', "Missing required parameter: 'team_ids'.", { param: 'team_ids' });
  const deleted: string[] = [];
  for (const teamId of ids) {
    const team = await store.getTeam(teamId);
    if (team === undefined) continue;
    for (;;) {
      const keys = await store.listKeys({ teamId, offset: 0, limit: 500 });
      if (keys.records.length === 0) break;
      for (const hash of await store.deleteKeys(keys.records.map((key) => key.tokenHash))) await management.system.publish({ owner: 'key', id: hash });
    }
    await store.deleteTeams([teamId]);
    await syncMembers(store, teamId, team.members, [], now);
    await management.system.publish({ owner: 'team', id: teamId });
    deleted.push(teamId);
  }
  return { deleted_teams: deleted };
}

export async function listTeams(management: Management, query: URLSearchParams): Promise<unknown[]> {
  const limit = Math.min(Number(query.get('size') ?? query.get('page_size')) || 1000, 1000);
  const page = Math.max(Number(query.get('page')) || 1, 1);
  const { records } = await management.store.listTeams({ offset: (page - 1) * limit, limit });
  return records.map(presentTeam);
}
