#!/usr/bin/env node
// Regenerates src/bedrock-capabilities.json from LiteLLM's cost map (bench/data/model_prices_and_context_window.json)
// with core's own converter (build core first: `npx tsc -b`). Keeps the Bedrock chat and embedding
// models under LiteLLM's keys (model ids and inference profiles: `anthropic.claude-…`, `us.anthropic.claude-…`),
// leaves out region- and commitment-specific keys (`bedrock/us-east-1/…`), and gives each chat model
// the alias `converse/<id>`, LiteLLM's way of forcing the Converse API (`bedrock/converse/<id>`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertLitellmMap } from '../../../core/dist/capabilities/litellm/convert-litellm-map.js';

const here = dirname(fileURLToPath(import.meta.url));
const map = JSON.parse(readFileSync(join(here, '../../../../bench/data/model_prices_and_context_window.json'), 'utf8'));
const PROVIDERS = new Set(['bedrock', 'bedrock_converse']);
const SERVED_MODES = new Set(['chat', 'embedding']);
// InvokeModel embeddings this plugin speaks: Titan text (v1, v2) and Cohere embed (v3, v4).
const EMBEDDINGS = /^(amazon\.titan-embed-text|cohere\.embed-)/;
const picked = Object.fromEntries(
  Object.entries(map).filter(
    ([name, entry]) =>
      PROVIDERS.has(entry.litellm_provider) &&
      SERVED_MODES.has(entry.mode) &&
      !name.includes('/') &&
      (entry.mode === 'chat' || EMBEDDINGS.test(name)),
  ),
);
const { file, problems } = convertLitellmMap(picked);
for (const problem of problems) console.warn(`${problem.model}: ${problem.message}`);
const models = {};
for (const [name, model] of Object.entries(file.models)) {
  const entry = { ...model, provider: 'bedrock' };
  if (model.mode === 'chat') entry.aliases = [...(model.aliases ?? []), `converse/${name}`];
  models[name] = entry;
}
const out = {
  $schema: '../../../../schemas/capability.schema.json',
  description:
    "AWS Bedrock models (Converse chat, Titan and Cohere embeddings), from LiteLLM's model_prices_and_context_window.json (scripts/gen-capabilities.mjs). Keyed by Bedrock model id or inference profile, as LiteLLM keys them; `converse/<id>` is an alias of each chat model.",
  models,
};
writeFileSync(join(here, '../src/bedrock-capabilities.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${Object.keys(models).length} models written`);
