import { deleteTeams, listTeams, newTeam, teamInfo, updateTeam } from '../keys/management/team-operations.js';
import { managementRoute } from './management-route.js';
import type { Route } from './route.js';

/** LiteLLM's /team/* routes (admin only). */
export const TEAM_ROUTES: readonly Route[] = [
  managementRoute({ name: 'team.new', method: 'POST', paths: ['/team/new'], run: ({ management, context }) => newTeam(management, context.body) }),
  managementRoute({ name: 'team.info', method: 'GET', paths: ['/team/info'], run: ({ management, query }) => teamInfo(management, query) }),
  managementRoute({ name: 'team.update', method: 'POST', paths: ['/team/update'], run: ({ management, context }) => updateTeam(management, context.body) }),
  managementRoute({ name: 'team.delete', method: 'POST', paths: ['/team/delete'], run: ({ management, context }) => deleteTeams(management, context.body) }),
  managementRoute({ name: 'team.list', method: 'GET', paths: ['/team/list'], run: ({ management, query }) => listTeams(management, query) }),
];
