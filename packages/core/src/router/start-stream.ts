import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { SseEvent, StreamResponse } from '../http/gateway-response.js';
import type { AttemptTimer } from './attempt-timer.js';
import { classifyError } from './classify-error.js';
import { recordFailure } from './cooldowns.js';
import type { DeploymentHealth } from './deployment-health.js';
import type { Router } from './router.js';
import type { RouterSettings } from './router-settings.js';
import { usageTotalTokens } from './usage-total-tokens.js';

export interface StartStreamOptions {
  readonly timer: AttemptTimer | undefined;
  readonly health: DeploymentHealth;
  /** Ends the attempt's in-flight count (once). */
  readonly release: () => void;
  readonly settings: RouterSettings;
  readonly router: Router;
  readonly context: GatewayContext;
  /** Deployments in the group (a group of one is never cooled). */
  readonly groupSize: number;
}

/**
 * Waits for a stream's first event before the response goes to the client: a failure up to
 * here throws, and the router may still retry or fall back; nothing has been sent. From the
 * first event on, the stream is the client's: a later failure (or the idle timer) ends it with
 * its API's terminal error event, written by the stream writer — never a retry that would send
 * the content twice. Usage chunks feed the per-minute token count (usage-based routing).
 */
/**
 * Streams whose first event failed, by that error: when no retry or fallback takes over, the
 * client still gets the stream it asked for, ending at once in its API's error event (as
 * before the router), rather than a JSON error of a different shape.
 */
export const failedBeforeFirstEvent = new WeakMap<object, StreamResponse>();

export async function startStream(response: StreamResponse, options: StartStreamOptions): Promise<StreamResponse> {
  const iterator = response.events[Symbol.asyncIterator]();
  let first: IteratorResult<SseEvent>;
  try {
    first = await iterator.next();
  } catch (error) {
    void iterator.return?.()?.catch(() => undefined);
    const explained = options.timer?.explain(error) ?? error;
    if (typeof explained === 'object' && explained !== null) failedBeforeFirstEvent.set(explained, response);
    throw explained;
  }
  options.timer?.clear();
  const client = options.context.request.signal;
  const abandoned = () => options.release();
  client.addEventListener('abort', abandoned, { once: true });
  return { ...response, events: continueStream(first, iterator, options, () => client.removeEventListener('abort', abandoned)) };
}

async function* continueStream(
  first: IteratorResult<SseEvent>,
  iterator: AsyncIterator<SseEvent>,
  options: StartStreamOptions,
  detach: () => void,
): AsyncGenerator<SseEvent> {
  const { timer, health } = options;
  let done = first.done === true;
  try {
    if (done) return;
    countTokens(first.value, health);
    yield first.value;
    for (;;) {
      timer?.arm();
      let result: IteratorResult<SseEvent>;
      try {
        result = await iterator.next();
      } catch (error) {
        done = true;
        const explained = timer?.explain(error) ?? error;
        const { settings, router } = options;
        recordFailure(health, { errorClass: classifyError(explained), status: 500, settings, groupSize: options.groupSize, now: router.clock() });
        throw explained;
      } finally {
        timer?.clear();
      }
      if (result.done === true) {
        done = true;
        return;
      }
      countTokens(result.value, health);
      yield result.value;
    }
  } finally {
    detach();
    options.release();
    if (!done) await iterator.return?.();
  }
}

/**
 * A chat usage chunk (`usage.total_tokens`), a Responses `response.completed` event, or a
 * Messages `message_delta` (its cumulative usage, counted once: Anthropic sends one per message).
 */
function countTokens(event: SseEvent, health: DeploymentHealth): void {
  const data = event.data as { type?: unknown; usage?: { total_tokens?: unknown }; response?: { usage?: { total_tokens?: unknown } } } | null;
  if (data === null || typeof data !== 'object') return;
  const total = data.usage?.total_tokens ?? data.response?.usage?.total_tokens ?? (data.type === 'message_delta' ? usageTotalTokens(data.usage) : undefined);
  if (typeof total === 'number') health.addTokens(total);
}
