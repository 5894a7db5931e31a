#!/usr/bin/env node
// `prepack` of every published package: refuses to pack a tarball a user could not install.
//
// - npm leaves `workspace:*` ranges in the packed manifest (only pnpm rewrites them to the real
//   version), so a package with workspace dependencies must be packed or published with pnpm:
//   `npx --yes pnpm@10 pack` / `npx --yes pnpm@10 publish`, or `npx --yes pnpm@10 -r publish` for all of them.
// - dist/ is what `main`, `types` and `exports` point at; packing without a build ships nothing.
// - LICENSE and README.md go into every tarball.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const directory = process.cwd();
const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
const problems = [];

const userAgent = process.env.npm_config_user_agent ?? '';
const workspaceRanges = ['dependencies', 'peerDependencies', 'optionalDependencies']
  .flatMap((field) => Object.entries(manifest[field] ?? {}))
  .filter(([, range]) => String(range).startsWith('workspace:'))
  .map(([name]) => name);
if (workspaceRanges.length > 0 && !userAgent.startsWith('pnpm/')) {
  problems.push(
    `${workspaceRanges.join(', ')} ${workspaceRanges.length === 1 ? 'has' : 'have'} a workspace: range that only pnpm rewrites to a real version; ` +
      'pack or publish with `npx --yes pnpm@10 pack` / `npx --yes pnpm@10 publish` instead of npm.',
  );
}

if (manifest.main !== undefined && !existsSync(join(directory, manifest.main))) {
  problems.push(`${manifest.main} is missing: build first (\`npx tsc -b\` at the repository root).`);
}
for (const file of ['LICENSE', 'README.md']) {
  if (!existsSync(join(directory, file))) problems.push(`${file} is missing.`);
}

if (problems.length > 0) {
  process.stderr.write(`Not packing ${manifest.name}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  process.exit(1);
}
