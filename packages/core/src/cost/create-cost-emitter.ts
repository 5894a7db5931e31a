import type { Logger } from '../logging/logger.js';
import type { CostEvent, CostListener } from './cost-event.js';

/**
 * Wraps the host's listener so it runs on a later turn of the event loop (`setImmediate`, after
 * the response has been handed to the socket) and so a throw or a rejected promise is logged
 * instead of reaching the request. Returns undefined when there is no listener, so the request
 * path can skip building events altogether.
 */
export function createCostEmitter(listener: CostListener | undefined, logger: Logger): ((event: CostEvent) => void) | undefined {
  if (listener === undefined) return undefined;
  const fail = (error: unknown, event: CostEvent) =>
    logger.error({ err: describe(error), requestId: event.requestId }, 'cost listener failed');
  const run = (event: CostEvent) => {
    try {
      const result = listener(event);
      if (result !== undefined && typeof result.then === 'function') result.then(undefined, (error: unknown) => fail(error, event));
    } catch (error) {
      fail(error, event);
    }
  };
  return (event) => {
    setImmediate(run, event);
  };
}

function describe(error: unknown): object | string {
  return error instanceof Error ? { name: error.name, message: error.message } : String(error);
}
