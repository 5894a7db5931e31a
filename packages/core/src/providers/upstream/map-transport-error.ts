import { GatewayError, isGatewayError } from '../../errors/gateway-error.js';
import type { ProviderCall } from '../provider.js';

/** What the mapper needs of a provider's per-deployment target: a safe label and its timeouts. */
export interface TransportTarget {
  /** Safe to show: `model "gpt-5.5" at https://api.openai.com`. */
  readonly label: string;
  readonly timeoutMs: number;
  readonly streamHeadersTimeoutMs: number;
}

export interface TransportErrorContext {
  readonly target: TransportTarget;
  readonly call: Pick<ProviderCall, 'signal' | 'stream'>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
/** The upstream answered, but not in HTTP undici could read. */
const MALFORMED_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE']);
/** Mistakes in how the request was built: a bug, not an upstream problem, so not disguised as one. */
const PROGRAMMING_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'UND_ERR_INVALID_RETURN_VALUE']);

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the provider was closed',
  UND_ERR_DESTROYED: 'the provider was closed',
};

/**
 * Turns an undici or socket error into a GatewayError: timeout → 504, refused/reset/DNS → 502,
 * the client going away → 499. Messages name the model and origin only, never headers or keys.
 */
export function mapTransportError(error: unknown, { target, call }: TransportErrorContext): unknown {
  if (isGatewayError(error)) return error;
  if (call.signal.aborted) {
    return new GatewayError('client_closed_request', `The client closed the request to ${target.label}.`, { cause: error });
  }
  const code = errorCode(error);
  if (TIMEOUT_CODES.has(code)) {
    return new GatewayError('upstream_timeout', `The upstream for ${target.label} ${describeTimeout(code, target, call.stream)}.`, { cause: error });
  }
  if (PROGRAMMING_CODES.has(code)) return error;
  if (MALFORMED_CODES.has(code) || code.startsWith('HPE_')) {
    return new GatewayError('upstream_invalid_response', `The upstream for ${target.label} sent a malformed HTTP response.`, { cause: error });
  }
  const reason = REASONS[code] ?? (code === '' ? 'network error' : `network error ${code}`);
  return new GatewayError('upstream_unreachable', `Could not reach the upstream for ${target.label}: ${reason}.`, { cause: error });
}

function describeTimeout(code: string, target: TransportTarget, stream: boolean): string {
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return stream
      ? `did not start the stream within ${target.streamHeadersTimeoutMs / 1000} s (litellm_params.stream_timeout, else timeout)`
      : `did not answer within ${target.timeoutMs / 1000} s (litellm_params.timeout)`;
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') return `sent nothing for ${target.timeoutMs / 1000} s (litellm_params.timeout)`;
  return 'did not accept a connection in time';
}

/** Node reports a failed dual-stack connect as an AggregateError; its first error has the code. */
function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) ? errorCode(inner[0]) : '';
}
