#!/usr/bin/env node
// The `switchyard` command. dist/ is built by `pnpm install` (the workspace's prepare script).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
