import { hash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Stage } from '../pipeline/stage.js';

/**
 * With a master key, every non-public route needs `Authorization: Bearer <key>`. Both sides
 * are hashed first so the comparison takes the same time whatever the key's length.
 */
export function createAuthStage(masterKey: Secret | undefined): Stage {
  if (masterKey === undefined) return (_context, next) => next();
  const expected = digest(masterKey.reveal());
  return (context, next) => {
    if (context.route.public) return next();
    const header = context.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token === undefined || token === '') {
      throw new GatewayError('invalid_api_key', 'Missing API key. Send it as "Authorization: Bearer <key>".');
    }
    if (!timingSafeEqual(digest(token), expected)) {
      throw new GatewayError('invalid_api_key', 'Incorrect API key provided.');
    }
    return next();
  };
}

function digest(value: string): Buffer {
  // One-shot hashing (Node ≥ 20.12): a fraction of createHash()'s cost per request.
  return hash('sha256', value, 'buffer');
}
