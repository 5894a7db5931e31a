import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientAbortSignal, createGateway, handleNodeRequest, writeNodeResponse, type CostEvent, type Gateway, type Logger } from '@switchyard/core';
import type { ConformanceOptions } from './conformance-options.js';
import { CONFORMANCE_PRICING, DEFAULT_TEST_KEY } from './expectations.js';

export const MODEL_NAME = 'conformance-model';

/** The gateway under test on a loopback port, with everything it logged and every cost event. */
export interface TestkitGateway {
  readonly url: string;
  readonly logLines: string[];
  readonly costEvents: CostEvent[];
  close(): Promise<void>;
}

/**
 * core's gateway with only the plugin under test, served by a plain Node server (what the
 * Express and Koa adapters do, minus the framework), one deployment pointing at the fake upstream.
 */
export async function startTestkitGateway(options: ConformanceOptions, upstreamOrigin: string): Promise<TestkitGateway> {
  const logLines: string[] = [];
  const costEvents: CostEvent[] = [];
  const gateway: Gateway = createGateway({
    logger: recordingLogger(logLines),
    providers: [options.plugin()],
    onCost: (event) => void costEvents.push(event),
    config: {
      model_list: [
        {
          model_name: MODEL_NAME,
          litellm_params: {
            ...options.litellmParams,
            model: options.model,
            api_base: `${upstreamOrigin}${options.apiBasePath ?? ''}`,
            api_key: options.apiKey ?? DEFAULT_TEST_KEY,
          },
          model_info: { pricing: CONFORMANCE_PRICING },
        },
      ],
    },
  });
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    void handleNodeRequest(gateway, request, { path: query === -1 ? url : url.slice(0, query), signal: clientAbortSignal(response) }).then((result) =>
      writeNodeResponse(response, result, gateway.logger),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logLines,
    costEvents,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}

/** Every log call as one line of text, errors with their messages, stacks and causes. */
function recordingLogger(lines: string[]): Logger {
  const record = (level: string) => (object: object, message?: string) => {
    lines.push(`${level} ${message ?? ''} ${JSON.stringify(object, expandErrors)}`);
  };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

function expandErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  return value;
}
