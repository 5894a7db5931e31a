#!/usr/bin/env node
// Regenerates src/azure-capabilities.json from LiteLLM's cost map (bench/data/model_prices_and_context_window.json)
// with core's own converter (build core first: `npx tsc -b`). Keeps the Azure OpenAI entries that
// matter (GPT-5.x, gpt-4.1, gpt-4o, o-series, embeddings) and the AI Foundry chat/embedding models,
// under LiteLLM's keys (`azure/gpt-4o`, `azure_ai/…`): the names `model_info.base_model` uses.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertLitellmMap } from '../../../core/dist/capabilities/litellm/convert-litellm-map.js';

const here = dirname(fileURLToPath(import.meta.url));
const map = JSON.parse(readFileSync(join(here, '../../../../bench/data/model_prices_and_context_window.json'), 'utf8'));
const AZURE = /^azure\/(gpt-5|gpt-4\.1|gpt-4o|o1|o3|o4|text-embedding)/;
const SERVED_MODES = new Set(['chat', 'responses', 'embedding']);
const picked = Object.fromEntries(
  Object.entries(map).filter(
    ([name, entry]) => (AZURE.test(name) || name.startsWith('azure_ai/')) && SERVED_MODES.has(entry.mode) && !/realtime|audio|transcribe|tts/.test(name),
  ),
);
const { file, problems } = convertLitellmMap(picked);
for (const problem of problems) console.warn(`${problem.model}: ${problem.message}`);
const out = {
  $schema: '../../../../schemas/capability.schema.json',
  description: "Azure OpenAI and Azure AI Foundry models, from LiteLLM's model_prices_and_context_window.json (scripts/gen-capabilities.mjs). Keyed as LiteLLM keys them, the names model_info.base_model takes.",
  models: file.models,
};
writeFileSync(join(here, '../src/azure-capabilities.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${Object.keys(file.models).length} models written`);
