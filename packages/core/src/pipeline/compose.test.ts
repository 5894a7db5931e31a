import { describe, expect, it } from 'vitest';
import { compose } from './compose.js';

describe('compose', () => {
  it('runs stages as an onion: before next in order, after next in reverse', async () => {
    const log: string[] = [];
    const run = compose<string[]>([
      async (_context, next) => {
        log.push('a before');
        await next();
        log.push('a after');
      },
      async (_context, next) => {
        log.push('b before');
        await next();
        log.push('b after');
      },
    ]);
    await run([]);
    expect(log).toEqual(['a before', 'b before', 'b after', 'a after']);
  });

  it('lets a stage answer early by not calling next', async () => {
    const reached: string[] = [];
    await compose<string[]>([() => undefined, () => void reached.push('second')])([]);
    expect(reached).toEqual([]);
  });

  it('rejects when a stage calls next twice', async () => {
    const run = compose<unknown>([
      async (_context, next) => {
        await next();
        await next();
      },
    ]);
    await expect(run({})).rejects.toThrow('next() called multiple times');
  });

  it('turns a synchronous throw into a rejection', async () => {
    const run = compose<unknown>([
      () => {
        throw new Error('boom');
      },
    ]);
    await expect(run({})).rejects.toThrow('boom');
  });
});
