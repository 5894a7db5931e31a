import { randomUUID } from 'node:crypto';
import type { Stage } from '../pipeline/stage.js';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Takes the caller's `x-request-id` when it is sane, or makes one; echoes it on the response. */
export const requestIdStage: Stage = (context, next) => {
  const incoming = context.header('x-request-id');
  context.requestId = incoming !== undefined && SAFE_ID.test(incoming) ? incoming : `req_${randomUUID()}`;
  context.setHeader('x-request-id', context.requestId);
  return next();
};
