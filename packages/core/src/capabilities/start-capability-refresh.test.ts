import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { startCapabilityRefresh, type CapabilityRefresh } from './start-capability-refresh.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let refresh: CapabilityRefresh | undefined;
afterEach(() => refresh?.stop());

describe('startCapabilityRefresh', () => {
  it('reloads every interval; a failing reload neither throws nor stops the timer', async () => {
    let calls = 0;
    refresh = startCapabilityRefresh({
      sources: [],
      intervalSeconds: 0.02,
      reload: () => (++calls % 2 === 0 ? Promise.reject(new Error('bad source')) : Promise.resolve()),
      logger: silentLogger,
    });
    await expect.poll(() => calls).toBeGreaterThanOrEqual(4);
    refresh.stop();
    const stopped = calls;
    await sleep(80);
    expect(calls).toBe(stopped);
  });

  it('reloads once after a burst of changes to a watched file, also when it is replaced by rename', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'capability-watch-'));
    const path = join(directory, 'models.json');
    writeFileSync(path, '{}');
    writeFileSync(join(directory, 'other.json'), '{}');
    let calls = 0;
    refresh = startCapabilityRefresh({
      sources: [{ kind: 'file', path, format: undefined, watch: true }],
      intervalSeconds: 0,
      reload: async () => void calls++,
      logger: silentLogger,
      debounceMs: 50,
    });
    for (let index = 0; index < 5; index++) writeFileSync(path, `{"n": ${index}}`);
    await expect.poll(() => calls).toBe(1);
    await sleep(120);
    expect(calls).toBe(1);

    writeFileSync(join(directory, 'other.json'), '{"n": 1}');
    await sleep(150);
    expect(calls).toBe(1);

    writeFileSync(join(directory, 'models.json.tmp'), '{"n": 9}');
    renameSync(join(directory, 'models.json.tmp'), path);
    await expect.poll(() => calls).toBe(2);

    refresh.stop();
    writeFileSync(path, '{"n": 10}');
    await sleep(150);
    expect(calls).toBe(2);
  });
});
