import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, silentLogger, type Gateway } from '@switchyard/core';
import { withDefaultStores } from '@switchyard/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The default key store is a SQLite file next to config.yaml, created when keys are first used.
// A wrong key sent to a gateway that has never had a virtual key must not create it.
const MASTER = 'sk-master-FAKE-default-store';

let dir = '';
let gateway: Gateway | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-default-store-'));
  const config = join(dir, 'config.yaml');
  await writeFile(config, `general_settings:\n  master_key: ${MASTER}\nmodel_list: []\n`);
  gateway = createGateway({ config, logger: silentLogger, stores: withDefaultStores() });
});

afterEach(async () => {
  await gateway?.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (path: string, key: string, body?: unknown) =>
  gateway!.handle({ method: body === undefined ? 'GET' : 'POST', path, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body, signal: new AbortController().signal });

describe('the default SQLite key store', () => {
  it('is not created by a wrong key, and is created by the first generated key, which then works', async () => {
    const database = join(dir, 'switchyard.db');
    const refused = await call('/v1/models', 'sk-not-a-key-FAKE');
    expect(refused.status).toBe(401);
    expect(existsSync(database)).toBe(false);

    const generated = await call('/key/generate', MASTER, { key_alias: 'first' });
    expect(generated.status).toBe(200);
    expect(existsSync(database)).toBe(true);
    const key = (generated as { body: { key: string } }).body.key;
    expect((await call('/v1/models', key)).status).toBe(200);
    expect((await call('/v1/models', 'sk-not-a-key-FAKE')).status).toBe(401);
  });
});
