import { describe, expect, it } from 'vitest';
import { arrangeStages } from './arrange-stages.js';
import type { NamedStage, Stage } from './stage.js';

const noop: Stage = (_context, next) => next();
const defaults: NamedStage[] = ['requestId', 'auth', 'resolve', 'provider'].map((name) => ({ name, run: noop }));
const names = (stages: NamedStage[]) => stages.map((stage) => stage.name);

describe('arrangeStages', () => {
  it('inserts before and after named stages and replaces in place', () => {
    const custom: Stage = (_context, next) => next();
    const stages = arrangeStages(defaults, [
      { name: 'guard', before: 'provider', run: noop },
      { name: 'audit', after: 'requestId', run: noop },
      { replace: 'auth', run: custom },
    ]);
    expect(names(stages)).toEqual(['requestId', 'audit', 'auth', 'resolve', 'guard', 'provider']);
    expect(stages[2]!.run).toBe(custom);
  });

  it('fails at build time on an unknown stage name, listing the known ones', () => {
    expect(() => arrangeStages(defaults, [{ name: 'x', before: 'authz', run: noop }])).toThrow(
      /unknown stage "authz"; known: requestId, auth, resolve, provider/,
    );
  });

  it('refuses duplicate names and placements without a direction', () => {
    expect(() => arrangeStages(defaults, [{ name: 'auth', after: 'resolve', run: noop }])).toThrow(/already exists/);
    expect(() => arrangeStages(defaults, [{ name: 'x', run: noop } as never])).toThrow(/exactly one of before, after or replace/);
  });
});
