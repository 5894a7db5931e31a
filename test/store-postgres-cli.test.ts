import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { keysApi, eventually } from './support/keys-api.js';
import { adminQuery, dropSchema, uniqueSchemaName } from './support/postgres-schema.js';
import { postgresUrl, requireService } from './support/services.js';

const BIN = fileURLToPath(new URL('../packages/server/bin/switchyard.js', import.meta.url));
const postgres = await requireService('postgres', 'the switchyard command on Postgres');
const PASSWORD = 'pw-never-in-logs-4d1c';
const MASTER_KEY = 'sk-master-cli-postgres-0000';

describe.skipIf(!postgres.available)('switchyard --config with database_url: postgresql://', () => {
  const schema = uniqueSchemaName('store_pg_cli');
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-pg-cli-'));
  let upstream: FakeUpstream;
  let server: ChildServer;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    // Trust auth ignores the password; it is there to prove it is never printed.
    const url = new URL(postgresUrl);
    url.password = PASSWORD;
    url.searchParams.set('schema', schema);
    url.searchParams.set('connection_limit', '3');
    const config = join(folder, 'config.yaml');
    writeFileSync(config, [
      'model_list:',
      '  - model_name: gpt-4o-mini',
      '    litellm_params:',
      '      model: openai/gpt-4o-mini',
      `      api_base: ${upstream.url}`,
      '      api_key: sk-fake-upstream',
      'general_settings:',
      `  master_key: ${MASTER_KEY}`,
      '  database_url: os.environ/DATABASE_URL',
      '',
    ].join('\n'));
    server = await startChildServer({
      command: process.execPath,
      args: [BIN, '--config', config, '--port', '0', '--host', '127.0.0.1'],
      cwd: folder,
      env: { ...process.env, DATABASE_URL: url.toString(), OPENAI_API_KEY: '' },
      listening: /listening on http:\/\/127\.0\.0\.1:(\d+)/,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await upstream?.close();
    rmSync(folder, { recursive: true, force: true });
    if (postgres.available) await dropSchema(schema);
  });

  it('keeps keys and spend in Postgres without a line of code, and never prints the password', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const key = await keysApi(base, MASTER_KEY).generate({ key_alias: 'cli-app', max_budget: 5 });
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
    expect(reply.choices[0]?.message.content).toBeTruthy();
    const [stored] = await adminQuery<{ key_alias: string; token_hash: string }>(`SELECT key_alias, token_hash FROM "${schema}".keys`);
    expect(stored?.key_alias).toBe('cli-app');
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await eventually(async () => {
      const found = await adminQuery<{ model: string; status: number }>(`SELECT model, status FROM "${schema}".spend_logs`);
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toEqual([{ model: 'gpt-4o-mini', status: 200 }]);
    const logs = await keysApi(base, MASTER_KEY).get('/spend/logs');
    expect(logs.status).toBe(200);
    expect(JSON.stringify(logs.body)).toContain('gpt-4o-mini');
    expect(server.stderr()).not.toContain(PASSWORD);
  });
});
