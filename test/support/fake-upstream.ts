import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake upstream received, for assertions. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
}

export type UpstreamHandler = (request: RecordedRequest, response: ServerResponse) => boolean | void | Promise<boolean | void>;

/**
 * A real HTTP server that speaks enough of OpenAI's API for the gateway's tests and records
 * every request. Behaviour is chosen by the requested model:
 * - `error-429`, `error-500`: an OpenAI-style error with that status;
 * - `hang`: never answers (for timeouts);
 * - `endless-stream`: streams a chunk every 20 ms until the client goes away;
 * anything else: a normal answer (JSON or SSE).
 * `handle(fn)` installs a custom handler that runs first (return true when it answered).
 */
export class FakeUpstream {
  readonly requests: RecordedRequest[] = [];
  /** Set when a streaming response's connection was closed by the other side. */
  streamAborted = false;
  #server: Server;
  #handlers: UpstreamHandler[] = [];
  url = '';

  private constructor() {
    this.#server = createServer((request, response) => void this.#serve(request, response));
  }

  static async start(): Promise<FakeUpstream> {
    const upstream = new FakeUpstream();
    upstream.#server.listen(0, '127.0.0.1');
    await once(upstream.#server, 'listening');
    upstream.url = `http://127.0.0.1:${(upstream.#server.address() as AddressInfo).port}/v1`;
    return upstream;
  }

  handle(handler: UpstreamHandler): void {
    this.#handlers.push(handler);
  }

  reset(): void {
    this.requests.length = 0;
    this.#handlers = [];
    this.streamAborted = false;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
    this.requests.push(recorded);
    for (const handler of this.#handlers) if (await handler(recorded, response)) return;

    const model: string = recorded.body?.model ?? '';
    if (model === 'error-429') return sendJson(response, 429, errorBody('Rate limit reached for requests', 'rate_limit_exceeded', 'requests'), { 'retry-after': '7' });
    if (model === 'error-500') return sendJson(response, 500, errorBody('The server had an error while processing your request.', null, 'server_error'));
    if (model === 'hang') return;
    if (recorded.path === '/v1/chat/completions') return this.#chat(recorded, response);
    if (recorded.path === '/v1/responses') return this.#responses(recorded, response);
    if (recorded.path === '/v1/embeddings') return sendJson(response, 200, embeddings(recorded.body));
    sendJson(response, 404, errorBody(`Unknown path ${recorded.path}`, 'unknown_url', 'invalid_request_error'));
  }

  async #chat(request: RecordedRequest, response: ServerResponse): Promise<void> {
    const { model, stream, stream_options: options } = request.body;
    if (!stream) return sendJson(response, 200, chatCompletion(model));
    startSse(response);
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model };
    if (model === 'endless-stream') {
      response.on('close', () => (this.streamAborted = !response.writableFinished));
      const timer = setInterval(() => writeEvent(response, { ...base, choices: [{ index: 0, delta: { content: 'tick ' }, finish_reason: null }] }), 20);
      response.on('close', () => clearInterval(timer));
      return;
    }
    writeEvent(response, { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const piece of ['Hello', ' from', ' upstream']) {
      writeEvent(response, { ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    writeEvent(response, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    if (options?.include_usage) writeEvent(response, { ...base, choices: [], usage: USAGE });
    response.end('data: [DONE]\n\n');
  }

  #responses(request: RecordedRequest, response: ServerResponse): void {
    const done = responseObject(request.body.model);
    if (!request.body.stream) return sendJson(response, 200, done);
    startSse(response);
    const item = done.output[0]!;
    let sequence = 0;
    const event = (type: string, payload: object) =>
      response.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...payload })}\n\n`);
    event('response.created', { response: { ...done, status: 'in_progress', output: [], usage: null } });
    event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    event('response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of ['Hello', ' from', ' responses']) event('response.output_text.delta', { item_id: item.id, output_index: 0, content_index: 0, delta });
    event('response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text: 'Hello from responses' });
    event('response.output_item.done', { output_index: 0, item });
    event('response.completed', { response: done });
    response.end();
  }
}

export const USAGE = {
  prompt_tokens: 12,
  completion_tokens: 3,
  total_tokens: 15,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

export function chatCompletion(model: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from upstream', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: USAGE,
  };
}

export function responseObject(model: string) {
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model,
    output: [
      {
        id: 'msg_fake',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello from responses', annotations: [] }],
      },
    ],
    usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 14 },
  };
}

/** Vectors [0.5, -1.25, 2] per input, as floats or as base64 of little-endian float32, like OpenAI. */
export const EMBEDDING = [0.5, -1.25, 2];

function embeddings(body: any) {
  const inputs: unknown[] = Array.isArray(body.input) ? body.input : [body.input];
  return {
    object: 'list',
    model: body.model,
    data: inputs.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? Buffer.from(new Float32Array(EMBEDDING).buffer).toString('base64') : EMBEDDING,
    })),
    usage: { prompt_tokens: 4, total_tokens: 4 },
  };
}

export function errorBody(message: string, code: string | null, type: string) {
  return { error: { message, type, param: null, code } };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

function startSse(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

function writeEvent(response: ServerResponse, data: unknown): void {
  response.write(`data: ${JSON.stringify(data)}\n\n`);
}
