import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';
import { GatewayError } from './gateway-error.js';
import { toErrorResponse } from './to-error-response.js';

describe('error codes', () => {
  it('are each documented in docs/errors.md with their status', () => {
    const docs = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(docs, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    }
  });

  it('map to OpenAI-style bodies; unknown errors become a 500 that reveals nothing', () => {
    const known = toErrorResponse(new GatewayError('model_not_found', 'No such model.', { param: 'model' }));
    expect(known).toMatchObject({ status: 404, body: { error: { message: 'No such model.', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } } });
    const logged: object[] = [];
    const unknown = toErrorResponse(new TypeError('cannot read x of undefined at /srv/secret/path.js'), {
      debug() {},
      info() {},
      warn() {},
      error: (object) => void logged.push(object),
    });
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(unknown.body)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});
