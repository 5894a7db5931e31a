import type { CostEvent, CostListener } from '../cost/cost-event.js';

/** Where access-log lines go: a pino destination (SonicBoom), a stream, a test's array. */
export interface LineSink {
  write(line: string): unknown;
}

/** pino's numeric level for info, so the lines sit with the gateway's own JSON logs. */
const INFO = 30;

/**
 * The access log: one JSON line per model request, written by hand from the cost event rather
 * than through the logger. A pino call with the gateway's redaction paths serialises the whole
 * event (attempts included) through its wildcard redactor; that was about a fifth of the
 * gateway's CPU per request. Here every field is known, none holds a credential (the cost event
 * carries no headers or keys, error codes are already redacted), and strings from the client
 * (model, request id) go through JSON.stringify. Field names keep the cost event's.
 */
export function createAccessLog(sink: LineSink, options: { name?: string; clock?: () => number } = {}): CostListener {
  const prefix = `{"level":${INFO},"time":`;
  const name = `,"name":${JSON.stringify(options.name ?? 'switchyard')},"msg":"request"`;
  const clock = options.clock ?? Date.now;
  return (event) => {
    sink.write(`${prefix}${clock()}${name}${fields(event)}}\n`);
  };
}

function fields(event: CostEvent): string {
  const usage = event.usage;
  const last = event.attempts.length === 0 ? undefined : event.attempts[event.attempts.length - 1];
  return (
    `,"requestId":${JSON.stringify(event.requestId)}` +
    `,"endpoint":"${event.endpoint}"` +
    `,"model":${text(event.model)}` +
    `,"modelGroup":${text(last?.modelGroup ?? null)}` +
    `,"deployment":${text(event.deployment)}` +
    `,"provider":${text(event.provider)}` +
    `,"stream":${event.stream}` +
    `,"status":${event.status}` +
    `,"outcome":"${event.outcome}"` +
    `,"errorCode":${text(event.errorCode)}` +
    `,"inputTokens":${usage === null ? 'null' : usage.inputTokens}` +
    `,"outputTokens":${usage === null ? 'null' : usage.outputTokens}` +
    `,"cost":${text(event.cost)}` +
    `,"cache":${text(event.cache)}` +
    `,"overheadMs":${event.overheadMs ?? 'null'}` +
    `,"durationMs":${event.durationMs}` +
    `,"attempts":${event.attempts.length}` +
    `,"fallback":${last?.fallback === true}`
  );
}

function text(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}
