import { compose } from '../pipeline/compose.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { NamedStage } from '../pipeline/stage.js';

/**
 * Composes the stages like `compose`, except that the `route` stage's `next` runs the stages
 * after it afresh on every call: one run (validate → provider, and any host stage placed
 * there) per attempt. Every other stage keeps the "next() once" guard.
 */
export function composeRouted(stages: readonly NamedStage[]): (context: GatewayContext) => Promise<void> {
  const index = stages.findIndex((stage) => stage.name === 'route');
  if (index === -1) return compose(stages.map((stage) => stage.run));
  const route = stages[index]!.run;
  const perAttempt = compose(stages.slice(index + 1).map((stage) => stage.run));
  return compose([...stages.slice(0, index).map((stage) => stage.run), (context, _next) => route(context, () => perAttempt(context))]);
}
