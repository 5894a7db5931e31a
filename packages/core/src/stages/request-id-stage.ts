import { randomUUID } from 'node:crypto';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Stage } from '../pipeline/stage.js';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is sane, or a new one. */
export function requestIdOf(headers: GatewayRequest['headers']): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : `req_${randomUUID()}`;
}

/** Names the request for logs and cost events, and echoes the id on the response. */
export const requestIdStage: Stage = (context, next) => {
  context.requestId = requestIdOf(context.request.headers);
  context.setHeader('x-request-id', context.requestId);
  return next();
};
