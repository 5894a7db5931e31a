import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';

/** A call to the management API: the parsed JSON body, the status and the headers. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

/** The management API of one gateway, called with `key` (the master key by default), as a script would. */
export function keysApi(gatewayUrl: string, key = 'sk-master') {
  const call = async (method: 'GET' | 'POST', path: string, payload?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
  };
  return {
    post: (path: string, payload: unknown = {}) => call('POST', path, payload),
    get: (path: string, query: Record<string, string> = {}) => call('GET', `${path}${Object.keys(query).length === 0 ? '' : `?${new URLSearchParams(query)}`}`),
    /** POST /key/generate that must succeed; the plaintext key. */
    async generate(payload: Record<string, unknown> = {}): Promise<string> {
      const answer = await call('POST', '/key/generate', payload);
      if (answer.status !== 200) throw new Error(`/key/generate: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.key as string;
    },
  };
}

export function openaiClient(gatewayUrl: string, apiKey: string): OpenAI {
  return new OpenAI({ apiKey, baseURL: gatewayUrl, maxRetries: 0 });
}

/** A fresh folder for a test's SQLite database and outbox; `remove()` deletes it. */
export function tempFolder(prefix: string): { readonly path: string; readonly url: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `switchyard-${prefix}-`));
  return { path, url: `sqlite://${join(path, 'switchyard.db')}`, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Waits until `check` returns a value other than undefined (spend rows arrive off the request path). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One chat completion posted as-is (a fixed body, so its reservation is known to the byte) with `key`. */
export async function postChat(gatewayUrl: string, key: string, body: string): Promise<ApiAnswer> {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
