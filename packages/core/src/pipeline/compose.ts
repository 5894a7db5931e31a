/** A stage: acts before and/or after the rest of the pipeline by awaiting `next()`. */
export type Middleware<Context> = (context: Context, next: () => Promise<void>) => Promise<void> | void;

/**
 * Composes middleware into one function, koa-compose style: each runs around the rest.
 * Calling `next()` twice from one stage is a bug and rejects instead of running stages twice.
 */
export function compose<Context>(middleware: readonly Middleware<Context>[]): (context: Context) => Promise<void> {
  const stack = [...middleware];
  return function run(context) {
    let lastIndex = -1;
    function dispatch(index: number): Promise<void> {
      if (index <= lastIndex) return Promise.reject(new Error('next() called multiple times in one stage'));
      lastIndex = index;
      const fn = stack[index];
      if (fn === undefined) return Promise.resolve();
      try {
        return Promise.resolve(fn(context, () => dispatch(index + 1)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return dispatch(0);
  };
}
