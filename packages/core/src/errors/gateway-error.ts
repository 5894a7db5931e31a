import { ERROR_CODES, type ErrorCode } from './error-codes.js';

const GATEWAY_ERROR = Symbol.for('switchyard.GatewayError');

export interface GatewayErrorOptions {
  /** Overrides the code's default status (upstream errors keep the upstream status). */
  status?: number;
  /** Overrides the code's default OpenAI error type. */
  type?: string;
  /** The request parameter the error is about, as OpenAI reports it (`messages[0].role`). */
  param?: string | null;
  cause?: unknown;
  /** Extra response headers (`retry-after` from an upstream 429, `allow` on a 405). */
  headers?: Record<string, string>;
}

/**
 * The one error family of the gateway. Stages throw it; one mapper turns it into an
 * OpenAI-style JSON response. Recognize it by `isGatewayError` (a brand, not `instanceof`),
 * so errors thrown by a provider package built against another copy of core still map.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string> | undefined;
  readonly [GATEWAY_ERROR] = true;

  constructor(code: ErrorCode | (string & {}), message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const known = (ERROR_CODES as Record<string, { status: number; type: string }>)[code];
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status ?? known?.status ?? 500;
    this.type = options.type ?? known?.type ?? 'server_error';
    this.param = options.param ?? null;
    this.headers = options.headers;
  }

  toJSON(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === 'object' && value !== null && GATEWAY_ERROR in value;
}
