import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Logger } from '@switchyard/core';

export interface TracingOptions {
  /** From `litellm_settings.callbacks`: `otel` (OTEL_EXPORTER_OTLP_*) and/or `langfuse` (LANGFUSE_*). */
  readonly exporters: readonly ('otel' | 'langfuse')[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
}

export interface Tracing {
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

const DEFAULT_LANGFUSE_HOST = 'https://cloud.langfuse.com';

/**
 * The standalone server's OpenTelemetry SDK: a Node tracer provider (AsyncLocalStorage context,
 * W3C trace-context propagation) exporting over OTLP/HTTP in batches, registered globally so
 * core's spans (made through @opentelemetry/api only) are recorded. Hosts that mount the gateway
 * in their own app usually run their own SDK; they may call this instead.
 */
export function startTracing(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  const processors: SpanProcessor[] = [];
  if (options.exporters.includes('otel')) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(env), headers: parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS) })));
  }
  if (options.exporters.includes('langfuse')) {
    const publicKey = env.LANGFUSE_PUBLIC_KEY;
    const secretKey = env.LANGFUSE_SECRET_KEY;
    if (publicKey === undefined || secretKey === undefined || publicKey === '' || secretKey === '') {
      options.logger?.warn({}, 'callbacks: langfuse needs LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY; no traces are sent to Langfuse');
    } else {
      const host = (env.LANGFUSE_HOST ?? env.LANGFUSE_BASE_URL ?? DEFAULT_LANGFUSE_HOST).replace(/\/+$/, '');
      const authorization = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
      processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${host}/api/public/otel/v1/traces`, headers: { authorization } })));
    }
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'switchyard' }),
    spanProcessors: processors,
  });
  provider.register();
  return { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}

/** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces (the spec's rule). */
function otlpTracesUrl(env: Readonly<Record<string, string | undefined>>): string {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (traces !== undefined && traces !== '') return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return `${(base === undefined || base === '' ? 'http://localhost:4318' : base).replace(/\/+$/, '')}/v1/traces`;
}

/** `key1=value1,key2=value2` (values URL-encoded), as OTEL_EXPORTER_OTLP_HEADERS is written. */
function parseHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    headers[pair.slice(0, index).trim().toLowerCase()] = decodeURIComponent(pair.slice(index + 1).trim());
  }
  return headers;
}
