import { jsonLimitExceeded, type JsonLimits } from './json-limits.js';

/**
 * The JSON limits applied to a body that is already a value: one a host's parser produced
 * (`express.json()`, `@koa/bodyparser`) or one passed to `gateway.handle()` directly. The
 * walk uses its own stack, so a body nested 100,000 levels deep cannot overflow the call
 * stack here, and it stops at the first limit crossed.
 */
export function checkJsonValue(value: unknown, limits: JsonLimits): void {
  if (value === null || typeof value !== 'object') return;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  let keys = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (depth > limits.maxDepth) throw jsonLimitExceeded('maxDepth', limits.maxDepth);
    if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) throw jsonLimitExceeded('maxArrayLength', limits.maxArrayLength);
      for (const item of current) if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    let own = 0;
    for (const key in current) {
      if (++own > limits.maxObjectKeys) throw jsonLimitExceeded('maxObjectKeys', limits.maxObjectKeys);
      if (++keys > limits.maxKeys) throw jsonLimitExceeded('maxKeys', limits.maxKeys);
      const item = (current as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
    }
  }
}
