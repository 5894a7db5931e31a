import type { ServerResponse } from 'node:http';
import { FakeUpstream, USAGE, chatCompletion, responseObject, sendJson, type RecordedRequest } from './fake-upstream.js';

/**
 * A flaky upstream on top of FakeUpstream: the same real loopback server, with faults chosen
 * per request by the upstream model name (`fault-…`); any other model gets FakeUpstream's
 * normal answers. It records which answers had their connection closed by the gateway before
 * they were complete (`closedEarly`), to check that an aborted request really is aborted.
 *
 * Faults (stream requests unless noted):
 * - `fault-json-200` / `fault-html-200`: a 200 answer that is JSON / an HTML page, not SSE;
 * - `fault-html-502`: a proxy's HTML error page with status 502;
 * - `fault-redirect`: 302 to a Location carrying a token (also for non-stream requests);
 * - `fault-truncated`: a few events, then a clean end of the HTTP body, without the last event;
 * - `fault-socket-cut`: a few events, then the socket is destroyed mid-body;
 * - `fault-no-done`: a complete chat stream (finish_reason, usage) without `data: [DONE]`;
 * - `fault-error-string` / `fault-error-untyped` / `fault-error-typed`: a Responses stream whose
 *   `event: error` carries a JSON string / an object without `type` / the spec's shape;
 * - `fault-midstream-error`: a chat stream that sends text, then a `data: {"error": …}` chunk;
 * - `fault-big-json`: a JSON answer of `bigBytes` bytes, chunked (no content-length);
 * - `fault-big-json-length`: the same with a content-length;
 * - `fault-big-event`: an SSE stream whose second event is `bigBytes` long, sent in pieces;
 * - `fault-long-stream`: a complete chat stream of `bigBytes` bytes in ~16 KB chunks.
 */
export class FaultUpstream {
  readonly upstream: FakeUpstream;
  /** Model names whose answer the other side closed before it was complete. */
  readonly closedEarly: string[] = [];
  /** Size of the `fault-big-*` and `fault-long-stream` answers. */
  bigBytes = 8 * 1_000_000;

  private constructor(upstream: FakeUpstream) {
    this.upstream = upstream;
  }

  static async start(): Promise<FaultUpstream> {
    const faults = new FaultUpstream(await FakeUpstream.start());
    faults.reset();
    return faults;
  }

  get url(): string {
    return this.upstream.url;
  }

  get requests(): readonly RecordedRequest[] {
    return this.upstream.requests;
  }

  /** Clears the recordings and per-test handlers; the faults stay installed. */
  reset(): void {
    this.upstream.reset();
    this.closedEarly.length = 0;
    this.upstream.handle((request, response) => this.#serve(request, response));
  }

  close(): Promise<void> {
    return this.upstream.close();
  }

  #serve(request: RecordedRequest, response: ServerResponse): boolean | Promise<boolean> {
    const model: string = request.body?.model ?? '';
    if (!model.startsWith('fault-')) return false;
    response.on('close', () => {
      if (!response.writableFinished) this.closedEarly.push(model);
    });
    const responses = request.path === '/v1/responses';
    switch (model) {
      case 'fault-json-200':
        sendJson(response, 200, responses ? responseObject(model) : chatCompletion(model));
        return true;
      case 'fault-html-200':
        return sendHtml(response, 200);
      case 'fault-html-502':
        return sendHtml(response, 502);
      case 'fault-redirect':
        response.writeHead(302, { location: 'https://login.example.com/?token=sk-redirect-secret-0123456789', 'content-type': 'text/html' });
        response.end('<a href="https://login.example.com/">moved</a>');
        return true;
      case 'fault-truncated':
        startSse(response);
        for (const event of firstEvents(model, responses)) response.write(event);
        response.end();
        return true;
      case 'fault-socket-cut':
        startSse(response);
        for (const event of firstEvents(model, responses)) response.write(event);
        setTimeout(() => response.socket?.destroy(), 20);
        return true;
      case 'fault-no-done':
        startSse(response);
        for (const event of firstEvents(model, false)) response.write(event);
        response.write(chatEvent(model, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
        response.end(chatEvent(model, { choices: [], usage: USAGE }));
        return true;
      case 'fault-error-string':
      case 'fault-error-untyped':
      case 'fault-error-typed': {
        startSse(response);
        for (const event of firstEvents(model, true)) response.write(event);
        const data =
          model === 'fault-error-string'
            ? JSON.stringify('upstream overloaded')
            : model === 'fault-error-untyped'
              ? JSON.stringify({ message: 'upstream overloaded', code: 'overloaded' })
              : JSON.stringify({ type: 'error', code: 'overloaded', message: 'upstream overloaded', param: null, sequence_number: 2 });
        response.end(`event: error\ndata: ${data}\n\n`);
        return true;
      }
      case 'fault-midstream-error':
        startSse(response);
        for (const event of firstEvents(model, false)) response.write(event);
        response.end(`data: ${JSON.stringify({ error: { message: 'The upstream ran out of GPU memory', type: 'server_error', param: null, code: 'gpu_oom' } })}\n\n`);
        return true;
      case 'fault-big-json':
      case 'fault-big-json-length': {
        const payload = bigJson(model, this.bigBytes);
        const headers: Record<string, string | number> = { 'content-type': 'application/json' };
        if (model === 'fault-big-json-length') headers['content-length'] = payload.length;
        response.writeHead(200, headers);
        return writeInPieces(response, [payload]).then(() => true);
      }
      case 'fault-big-event': {
        startSse(response);
        const [first] = firstEvents(model, responses);
        const text = 'x'.repeat(this.bigBytes);
        const big = responses
          ? `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_fake', output_index: 0, content_index: 0, delta: text })}\n\n`
          : chatEvent(model, { choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
        return writeInPieces(response, [Buffer.from(first!), Buffer.from(big)]).then(() => true);
      }
      case 'fault-long-stream': {
        startSse(response);
        const piece = chatEvent(model, { choices: [{ index: 0, delta: { content: 'y'.repeat(16_000) }, finish_reason: null }] });
        const count = Math.ceil(this.bigBytes / piece.length);
        const events = [Buffer.from(chatEvent(model, { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }))];
        for (let index = 0; index < count; index++) events.push(Buffer.from(piece));
        events.push(Buffer.from(chatEvent(model, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })), Buffer.from('data: [DONE]\n\n'));
        return writeInPieces(response, events).then(() => true);
      }
      default:
        return false;
    }
  }
}

function startSse(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

function sendHtml(response: ServerResponse, status: number): true {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end('<html><body><h1>Bad Gateway</h1><p>nginx</p></body></html>');
  return true;
}

function chatEvent(model: string, fields: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-fault', object: 'chat.completion.chunk', created: 1_700_000_000, model, ...fields })}\n\n`;
}

/** The opening of an answer: some text, no ending. */
function firstEvents(model: string, responses: boolean): string[] {
  if (!responses) {
    return [
      chatEvent(model, { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      chatEvent(model, { choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }),
    ];
  }
  const created = { ...responseObject(model), status: 'in_progress', output: [], usage: null };
  return [
    `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: created })}\n\n`,
    `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_fake', output_index: 0, content_index: 0, delta: 'Hel' })}\n\n`,
  ];
}

/** A chat completion padded to about `bytes` bytes. */
function bigJson(model: string, bytes: number): Buffer {
  const completion = chatCompletion(model);
  completion.choices[0]!.message.content = 'z'.repeat(bytes);
  return Buffer.from(JSON.stringify(completion));
}

/**
 * Writes in 64 KB pieces, waiting for the socket to drain, and stops as soon as the other side
 * has gone: a gateway that aborts must be seen to abort, not outrun by kernel buffers.
 */
async function writeInPieces(response: ServerResponse, buffers: Buffer[]): Promise<void> {
  for (const buffer of buffers) {
    for (let offset = 0; offset < buffer.length; offset += 65_536) {
      if (response.destroyed) return;
      if (!response.write(buffer.subarray(offset, offset + 65_536))) {
        await new Promise<void>((resolve) => {
          const done = () => {
            response.off('drain', done);
            response.off('close', done);
            resolve();
          };
          response.on('drain', done);
          response.on('close', done);
        });
      }
    }
  }
  if (!response.destroyed) response.end();
}
