import { MODEL_NAME } from './testkit-gateway.js';

export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

export interface StreamReply {
  readonly status: number;
  readonly headers: Headers;
  /** Every `data:` payload in order, parsed when JSON (`[DONE]` stays a string). */
  readonly events: any[];
  readonly raw: string;
}

export function chatBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: MODEL_NAME, messages: [{ role: 'user', content: 'Hello' }], ...extra };
}

export async function postJson(url: string, path: string, body: unknown, signal?: AbortSignal): Promise<JsonReply> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function postStream(url: string, body: unknown): Promise<StreamReply> {
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const raw = await response.text();
  return { status: response.status, headers: response.headers, events: parseDataLines(raw), raw };
}

export function parseDataLines(raw: string): any[] {
  return raw
    .split(/\r?\n\r?\n/)
    .map((frame) =>
      frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter((data) => data !== '')
    .map((data) => {
      try {
        return JSON.parse(data);
      } catch {
        return data;
      }
    });
}

/** The tool calls a stream's deltas build, by their `index`. */
export function collectToolCalls(events: any[]): Map<number, { id?: string; name?: string; arguments: string; firstDelta: any }> {
  const calls = new Map<number, { id?: string; name?: string; arguments: string; firstDelta: any }>();
  for (const event of events) {
    for (const delta of event?.choices?.[0]?.delta?.tool_calls ?? []) {
      let call = calls.get(delta.index);
      if (call === undefined) {
        call = { arguments: '', firstDelta: delta };
        calls.set(delta.index, call);
      }
      if (delta.id !== undefined) call.id = delta.id;
      if (delta.function?.name !== undefined) call.name = delta.function.name;
      call.arguments += delta.function?.arguments ?? '';
    }
  }
  return calls;
}
