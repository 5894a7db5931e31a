// What capabilities cost a gateway at start-up: reading and validating every shipped capability
// file, then compiling the validators of every shipped model, each configured as a deployment.
// Measured as the first createGateway() in fresh Node processes (median of several), since
// everything it compiles is cached for the rest of a process. Target: ≤ 300 ms. Also the import
// of @switchyard/core and a second gateway in the same process.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { median } from '../lib/stats.mjs';

const CORE_URL = import.meta.resolve('@switchyard/core');

function shippedModels() {
  // @switchyard/schemas is core's dependency; resolve it from there.
  const requireFromCore = createRequire(new URL(CORE_URL));
  const directory = join(dirname(requireFromCore.resolve('@switchyard/schemas/package.json')), 'capabilities');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => Object.keys(JSON.parse(readFileSync(join(directory, name), 'utf8')).models));
}

/** Runs in a fresh process: import core, build the gateway twice, print the times as JSON. */
const CHILD = `
  const start = performance.now();
  const { createGateway, silentLogger } = await import(process.env.CORE_URL);
  const imported = performance.now();
  const config = JSON.parse(process.env.CONFIG);
  const gateway = createGateway({ config, logger: silentLogger });
  const built = performance.now();
  const found = [...gateway.snapshot().targets.values()].flat().filter((target) => target.capability !== undefined).length;
  await gateway.close();
  const again = performance.now();
  await createGateway({ config, logger: silentLogger }).close();
  const end = performance.now();
  console.log(JSON.stringify({ importMs: imported - start, firstMs: built - imported, secondMs: end - again, found }));
`;

export default async function capabilityStartup({ quick }) {
  const models = shippedModels();
  const config = { model_list: models.map((name) => ({ model_name: name, litellm_params: { model: `openai/${name}`, mock_response: 'hi' } })) };
  const runs = Array.from({ length: quick ? 3 : 7 }, () =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], { env: { ...process.env, CORE_URL, CONFIG: JSON.stringify(config) }, encoding: 'utf8' }),
    ),
  );
  const of = (key) => median(runs.map((run) => run[key]));
  return [
    {
      name: 'first createGateway(), every shipped model configured',
      value: of('firstMs'),
      unit: 'ms',
      detail: `median of ${runs.length} fresh processes (max ${Math.max(...runs.map((run) => run.firstMs)).toFixed(0)} ms); ${models.length} models, ${runs[0].found} with capability data; target ≤ 300 ms`,
    },
    { name: 'import @switchyard/core', value: of('importMs'), unit: 'ms', detail: 'fresh process, median' },
    { name: 'second createGateway(), same process', value: of('secondMs'), unit: 'ms', detail: 'shipped files and schemas already compiled' },
  ];
}
