import type { SseEvent } from '../http/gateway-response.js';

export interface StreamEnd {
  /** The last `usage` object the stream carried, as sent. */
  readonly usage: unknown;
  readonly serviceTier: string | undefined;
  /** The `model` the event carrying the usage reported (a deployment without data is priced by it). */
  readonly model: unknown;
  /** `aborted`: the consumer stopped reading before the end (the client went away). */
  readonly outcome: 'success' | 'error' | 'aborted';
  readonly error: unknown;
}

export interface MeterStreamOptions {
  /** The format the client receives: chat chunks (bridged ones too), Responses events or Messages events. */
  readonly format: 'chat' | 'responses' | 'messages';
  /** Chat only: the client did not ask for usage, so the usage the gateway asked for is removed. */
  readonly stripUsage: boolean;
  /** Called when the consumer first asks for an event. */
  readonly onStart: () => void;
  /** Called exactly once, when the stream ends, fails or is abandoned. */
  readonly onEnd: (end: StreamEnd) => void;
}

/**
 * Passes a stream's events through while watching for its usage: the chat chunk with `usage`
 * (the last one, `choices: []`) or the `usage` of Responses' `response.completed`. Events are
 * passed on as they are; only a usage chunk the client did not ask for is removed.
 */
export function meterStream(events: AsyncIterable<SseEvent>, options: MeterStreamOptions): AsyncIterable<SseEvent> {
  return { [Symbol.asyncIterator]: () => new StreamMeter(events[Symbol.asyncIterator](), options) };
}

const SKIP = Symbol('skip');

/**
 * A hand-written iterator rather than an async generator: one promise reaction per event
 * instead of a generator's extra awaits, which matters on a stream of hundreds of chunks.
 */
class StreamMeter implements AsyncIterator<SseEvent> {
  readonly #inner: AsyncIterator<SseEvent>;
  readonly #options: MeterStreamOptions;
  #started = false;
  #ended = false;
  #failed = false;
  #usage: unknown;
  #serviceTier: string | undefined;
  #model: unknown;

  constructor(inner: AsyncIterator<SseEvent>, options: MeterStreamOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  next(): Promise<IteratorResult<SseEvent>> {
    if (!this.#started) {
      this.#started = true;
      this.#options.onStart();
    }
    return this.#inner.next().then(this.#onResult, this.#onError);
  }

  /** The consumer stopped early (a `break`, a closed socket): close the upstream too. */
  return(value?: unknown): Promise<IteratorResult<SseEvent>> {
    this.#end('aborted', undefined);
    return this.#inner.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
  }

  readonly #onResult = (result: IteratorResult<SseEvent>): IteratorResult<SseEvent> | Promise<IteratorResult<SseEvent>> => {
    if (result.done === true) {
      this.#end(this.#failed ? 'error' : 'success', undefined);
      return result;
    }
    const event = this.#observe(result.value);
    if (event === SKIP) return this.next();
    return event === result.value ? result : { done: false, value: event };
  };

  readonly #onError = (error: unknown): never => {
    this.#end('error', error);
    throw error;
  };

  #observe(event: SseEvent): SseEvent | typeof SKIP {
    const data = event.data;
    // An `event: error` frame is a failure whatever its data: `{type: "error"}`, an object
    // without `type`, a bare string.
    if (event.event === 'error' && this.#options.format === 'responses') {
      this.#failed = true;
      return event;
    }
    if (typeof data !== 'object' || data === null) return event;
    const record = data as Record<string, unknown>;
    if (this.#options.format === 'messages') {
      this.#observeMessages(event, record);
      return event;
    }
    if (this.#options.format === 'responses') {
      const type = record.type;
      if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
        const response = record.response as Record<string, unknown> | null | undefined;
        this.#usage = response?.usage ?? this.#usage;
        this.#model = response?.model ?? this.#model;
        if (typeof response?.service_tier === 'string') this.#serviceTier = response.service_tier;
        if (type === 'response.failed') this.#failed = true;
      } else if (type === 'error') {
        this.#failed = true;
      }
      return event;
    }
    // With include_usage every chunk carries `usage: null`; only the last one has numbers.
    // Two property reads per chunk: this runs for every token of every stream.
    const usage = record.usage;
    if (usage === undefined || usage === null) {
      if (record.choices === undefined && record.error !== undefined && record.error !== null) this.#failed = true;
      return event;
    }
    this.#usage = usage;
    this.#model = record.model;
    // OpenAI repeats service_tier on every chunk; the usage chunk's is the one that was billed.
    if (typeof record.service_tier === 'string') this.#serviceTier = record.service_tier;
    if (!this.#options.stripUsage) return event;
    if (Array.isArray(record.choices) && record.choices.length === 0) return SKIP;
    const { usage: _removed, ...rest } = record;
    // Not a spread of `event`: its `raw` bytes would still hold the usage.
    return event.event === undefined ? { data: rest } : { event: event.event, data: rest };
  }

  /**
   * Anthropic's stream: message_start carries the input side of the usage and the model,
   * message_delta the cumulative totals (newer API versions repeat the input counts there), so
   * fields are folded in, never added; an `error` event is a failure.
   */
  #observeMessages(event: SseEvent, record: Record<string, unknown>): void {
    const type = record.type;
    if (type === 'message_start') {
      const message = record.message as Record<string, unknown> | null | undefined;
      this.#model = message?.model ?? this.#model;
      if (typeof message?.usage === 'object' && message.usage !== null) this.#usage = { ...(message.usage as object) };
    } else if (type === 'message_delta') {
      if (typeof record.usage === 'object' && record.usage !== null) this.#usage = { ...(this.#usage as object | undefined), ...(record.usage as object) };
    } else if (type === 'error' || event.event === 'error') {
      this.#failed = true;
    }
  }

  #end(outcome: StreamEnd['outcome'], error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#options.onEnd({ usage: this.#usage, serviceTier: this.#serviceTier, model: this.#model, outcome, error });
  }
}
