import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { GatewayError, requestIdOf, toErrorResponse, writeNodeResponse, type Logger } from '@switchyard/core';

/**
 * Node answers a request it cannot parse (bad request line, headers over the size limit, bad
 * framing) with an empty 400/431, and an `Expect` it does not know with an empty 417. These
 * handlers give the OpenAI-style JSON error every other failure gets.
 */
export function answerMalformedRequests(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Nothing to answer on a socket that is gone, or once a response has started on it.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const response = toErrorResponse(clientErrorOf(error), logger);
    const payload = JSON.stringify(response.body);
    socket.end(
      `HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Bad Request'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(payload)}\r\n` +
        `x-request-id: ${requestIdOf({})}\r\n` +
        'connection: close\r\n\r\n' +
        payload,
    );
    // The parser is done with this connection; a client that never closes its side is closed for it.
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
  server.on('checkExpectation', (request, response) => {
    const answer = toErrorResponse(
      new GatewayError('expectation_failed', 'The Expect header is not supported; only "Expect: 100-continue" is.'),
      logger,
    );
    answer.headers['x-request-id'] = requestIdOf(request.headers);
    answer.headers.connection = 'close';
    void writeNodeResponse(response, answer, logger);
  });
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

function clientErrorOf(error: NodeJS.ErrnoException): GatewayError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError('request_header_fields_too_large', 'The request headers are larger than the server accepts.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new GatewayError('payload_too_large', 'The chunk extensions of the request body are larger than the server accepts.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError('request_timeout', 'The request was not received in time.');
    default:
      // The parser's reason (HPE_INVALID_METHOD …) names the problem without echoing the bytes.
      return new GatewayError('malformed_request', `The HTTP request is malformed${error.code ? ` (${error.code})` : ''}.`);
  }
}
