import { sessionKey } from './session.ts';

/** An error answer of the gateway, in its OpenAI shape: `{"error": {message, type, code, param}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly type: string | null;

  constructor(status: number, message: string, code: string | null, type: string | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.type = type;
  }
}

/**
 * Where the gateway's API is: the page is served at `<mount>/ui/`, so the mount is everything
 * before the last `/ui/` of the path (`/llm/ui/` → `/llm`, `/ui/` → ``).
 */
export function apiBase(pathname: string = location.pathname): string {
  const at = pathname.lastIndexOf('/ui/');
  return at === -1 ? pathname.replace(/\/ui$/, '') : pathname.slice(0, at);
}

let onUnauthorized: (() => void) | undefined;

/** Called when the gateway refuses the key (401): the app goes back to the sign-in form. */
export function whenUnauthorized(listener: () => void): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Use this key instead of the session's (the sign-in check). */
  readonly key?: string;
  readonly signal?: AbortSignal;
}

/** One call of the gateway's management API with the signed-in key. Rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const text = await call(path, options, 'application/json');
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(0, 'The gateway answered something other than JSON.', 'invalid_response', null);
  }
}

/** The same, for a route that answers a file (`format=csv`): its text. */
export function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return call(path, options, 'text/csv, text/plain');
}

async function call(path: string, options: RequestOptions, accept: string): Promise<string> {
  const url = new URL(`${apiBase()}${path}`, location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  const key = options.key ?? sessionKey();
  const headers: Record<string, string> = { accept };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, `The gateway could not be reached (${(error as Error).message}).`, 'network_error', null);
  }
  const text = await response.text();
  if (response.ok) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { message?: unknown; code?: unknown; type?: unknown } } | undefined)?.error;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
  if (response.status === 401 && options.key === undefined) onUnauthorized?.();
  throw new ApiError(response.status, message, typeof error?.code === 'string' ? error.code : null, typeof error?.type === 'string' ? error.type : null);
}
