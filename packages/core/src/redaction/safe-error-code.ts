import { ERROR_CODES } from '../errors/error-codes.js';
import type { Redactor } from './create-redactor.js';

/** What an upstream error code looks like: `rate_limit_exceeded`, `invalid_api_key`, `400`. */
const CODE_SHAPE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * An error code fit for the cost event and the access log: a gateway code, or an upstream code
 * (the providers pass them on, redacted) that still looks like a code and holds nothing the
 * redactor would remove. Anything else becomes `fallback`: a log line never carries a value
 * an upstream echoed, whichever provider plugin let it through.
 */
export function safeErrorCode(code: string, redactor: Redactor, fallback = 'upstream_error'): string {
  if (Object.hasOwn(ERROR_CODES, code)) return code;
  return CODE_SHAPE.test(code) && redactor.text(code) === code ? code : fallback;
}
