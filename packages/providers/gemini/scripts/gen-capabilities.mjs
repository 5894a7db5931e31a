#!/usr/bin/env node
// Regenerates src/gemini-capabilities.json from LiteLLM's cost map (bench/data/model_prices_and_context_window.json)
// with core's own converter (build core first: `npx tsc -b`). Keeps the `gemini/` chat and embedding
// models, under LiteLLM's keys (`gemini/gemini-2.5-flash`), the names deployments resolve to.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertLitellmMap } from '../../../core/dist/capabilities/litellm/convert-litellm-map.js';

const here = dirname(fileURLToPath(import.meta.url));
const map = JSON.parse(readFileSync(join(here, '../../../../bench/data/model_prices_and_context_window.json'), 'utf8'));
const picked = Object.fromEntries(
  Object.entries(map).filter(([name, entry]) => name.startsWith('gemini/') && (entry.mode === 'chat' || entry.mode === 'embedding') && !/tts|native-audio|live|lyria/.test(name)),
);
// Vertex AI's Gemini entries: LiteLLM keys most of them bare (`gemini-2.5-flash`, provider
// vertex_ai-language-models) and a few as `vertex_ai/…`; all are shipped as `vertex_ai/<model>`,
// the name a `vertex_ai/` deployment resolves to, so they never shadow AI Studio's or OpenAI's.
for (const [name, entry] of Object.entries(map)) {
  if (!String(entry.litellm_provider).startsWith('vertex_ai') || entry.mode !== 'chat' || /tts|image|computer-use|robotics/.test(name)) continue;
  const model = name.startsWith('vertex_ai/') ? name.slice('vertex_ai/'.length) : name;
  if (!model.startsWith('gemini-')) continue;
  if (name.startsWith('vertex_ai/') || !(`vertex_ai/${model}` in map)) picked[`vertex_ai/${model}`] = entry;
}
// Vertex AI text embeddings (`:predict`): text-embedding-*, text-multilingual-embedding-* and
// gemini-embedding-*, shipped as `vertex_ai/<model>` like the chat models. Priced per token
// (LiteLLM's input_cost_per_token; Vertex reports token counts, not characters, per prediction).
for (const [name, entry] of Object.entries(map)) {
  if (entry.mode !== 'embedding' || !String(entry.litellm_provider).startsWith('vertex_ai')) continue;
  const model = name.startsWith('vertex_ai/') ? name.slice('vertex_ai/'.length) : name;
  if (!/^(text-embedding-|text-multilingual-embedding-|gemini-embedding-)/.test(model)) continue;
  if (name.startsWith('vertex_ai/') || !(`vertex_ai/${model}` in map)) picked[`vertex_ai/${model}`] = entry;
}
const { file, problems } = convertLitellmMap(picked);
for (const problem of problems) console.warn(`${problem.model}: ${problem.message}`);
const out = {
  $schema: '../../../../schemas/capability.schema.json',
  description: "Google Gemini (AI Studio) models, from LiteLLM's model_prices_and_context_window.json (scripts/gen-capabilities.mjs), keyed as LiteLLM keys them.",
  models: file.models,
};
writeFileSync(join(here, '../src/gemini-capabilities.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${Object.keys(file.models).length} models written`);
