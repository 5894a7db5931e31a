import { randomUUID } from 'node:crypto';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { CounterStore, Reservation } from '../stores/counter-store.js';

/** What the limits stage holds for one request until the cost stage reports its outcome. */
export interface RequestAccount {
  /** Unique per request: the spend row's request id and the reservation's id (`x-litellm-call-id`). */
  readonly callId: string;
  hold: { readonly reservation: Reservation; readonly counters: CounterStore } | undefined;
}

/**
 * The request's account, made on first use. The call id is the gateway's request id when the
 * gateway made it; a client-chosen `x-request-id` may repeat, so then a fresh one is made: a
 * reused id must never make a spend row look like a retried duplicate.
 */
export function accountOf(context: GatewayContext): RequestAccount {
  let account = context.account;
  if (account === undefined) {
    const callId = context.header('x-request-id') === undefined && context.requestId !== '' ? context.requestId : `req_${randomUUID()}`;
    account = { callId, hold: undefined };
    context.account = account;
  }
  return account;
}
