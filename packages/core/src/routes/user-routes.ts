import { deleteUsers, listUsers, newUser, updateUser, userInfo } from '../keys/management/user-operations.js';
import { managementRoute } from './management-route.js';
import type { Route } from './route.js';

/** LiteLLM's /user/* routes; /user/info also answers a key about its own user. */
export const USER_ROUTES: readonly Route[] = [
  managementRoute({ name: 'user.new', method: 'POST', paths: ['/user/new'], run: ({ management, context }) => newUser(management, context.body) }),
  managementRoute({ name: 'user.info', method: 'GET', paths: ['/user/info'], admin: false, run: ({ management, query, admin }) => userInfo(management, query, admin) }),
  managementRoute({ name: 'user.update', method: 'POST', paths: ['/user/update'], run: ({ management, context }) => updateUser(management, context.body) }),
  managementRoute({ name: 'user.delete', method: 'POST', paths: ['/user/delete'], run: ({ management, context }) => deleteUsers(management, context.body) }),
  managementRoute({ name: 'user.list', method: 'GET', paths: ['/user/list'], run: ({ management, query }) => listUsers(management, query) }),
];
