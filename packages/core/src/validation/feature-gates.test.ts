import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../capabilities/build-snapshot.js';
import { builtinCapabilityFiles } from '../capabilities/builtin-capability-files.js';
import { collectCapabilityEntries } from '../capabilities/collect-capability-entries.js';
import { loadSettings } from '../config/load-settings.js';
import type { GatewayConfig } from '../generated/config.js';
import { chat, refusal, target, targets } from './__fixtures__/targets.js';

const weather = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };
const withFeatures = (model: string, features: Record<string, boolean>, extra: Record<string, unknown> = {}) =>
  targets([{ model_name: 'm', litellm_params: { model: `openai/${model}`, api_key: 'k' }, model_info: { features, ...extra } }]).get('m')!;

// Issue 9, item 3: features the data says a model lacks refuse the request before upstream.
describe('feature gates (curated data)', () => {
  it('refuses parallel_tool_calls on o3, or drops it under drop_params', () => {
    const o3 = target('o3');
    expect(refusal(o3, 'chat.completions', chat({ tools: [weather], parallel_tool_calls: true }))).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'parallel_tool_calls',
      message: "Unsupported parameter: 'parallel_tool_calls' is not supported with model o3: it does not support parallel tool calls.",
    });
    expect(o3.prepare('chat.completions', chat({ tools: [weather], parallel_tool_calls: false }), { dropParams: true })).toEqual({
      body: chat({ tools: [weather] }),
      dropped: ['parallel_tool_calls'],
    });
    // gpt-5.5 calls tools in parallel.
    expect(refusal(target('gpt-5.5'), 'chat.completions', chat({ tools: [weather], parallel_tool_calls: true }))).toBeUndefined();
  });

  it('refuses tools on a model without function calling, on both APIs', () => {
    const noTools = withFeatures('gpt-4o', { function_calling: false });
    expect(refusal(noTools, 'chat.completions', chat({ tools: [weather] }))).toMatchObject({ code: 'unsupported_parameter', param: 'tools' });
    const responsesTool = { type: 'function', name: 'get_weather', parameters: {} };
    expect(refusal(noTools, 'responses', { model: 'm', input: 'Hi', tools: [responsesTool] })).toMatchObject({ param: 'tools' });
    expect(noTools.prepare('chat.completions', chat({ tools: [weather], tool_choice: 'auto' }), { dropParams: true }).dropped).toEqual(['tools', 'tool_choice']);
  });

  it('refuses a json_schema response format where structured output is unsupported; json_object passes', () => {
    const noSchema = withFeatures('gpt-4o', { structured_output: false });
    const schema = { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } };
    expect(refusal(noSchema, 'chat.completions', chat({ response_format: schema }))).toMatchObject({ param: 'response_format' });
    expect(refusal(noSchema, 'chat.completions', chat({ response_format: { type: 'json_object' } }))).toBeUndefined();
    expect(refusal(noSchema, 'responses', { model: 'm', input: 'Hi', text: { format: { type: 'json_schema', name: 'x', schema: {} } } })).toMatchObject({ param: 'text.format' });
  });

  it('refuses web search where unsupported; images and PDFs where the model takes none', () => {
    const limited = withFeatures('gpt-4o', { web_search: false, vision: false, pdf_input: false });
    expect(refusal(limited, 'chat.completions', chat({ web_search_options: {} }))).toMatchObject({ param: 'web_search_options' });
    expect(refusal(limited, 'responses', { model: 'm', input: 'Hi', tools: [{ type: 'web_search' }] })).toMatchObject({ param: 'tools' });
    const image = { role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] };
    expect(refusal(limited, 'chat.completions', { model: 'm', messages: [image] })).toMatchObject({ param: 'messages[0].content[1]' });
    const pdf = { role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] };
    expect(refusal(limited, 'responses', { model: 'm', input: [pdf] })).toMatchObject({ param: 'input[0].content[0]' });
  });

  it('refuses tools on an embeddings request', () => {
    expect(refusal(target('text-embedding-3-small'), 'embeddings', { model: 'm', input: 'Hi', tools: [weather] })).toMatchObject({
      status: 400,
      code: 'unsupported_parameter',
      param: 'tools',
    });
  });

  it('is switched off per deployment with model_info.enforce_features: false', () => {
    const relaxed = withFeatures('o3', {}, { enforce_features: false });
    expect(refusal(relaxed, 'chat.completions', chat({ parallel_tool_calls: true }))).toBeUndefined();
  });
});

describe('feature gates (imported data)', () => {
  // An entry only LiteLLM's map describes: its flags describe, they do not refuse, by default.
  const imported = {
    source: 'litellm-map.json',
    imported: true,
    file: { models: { 'acme-mini': { provider: 'openai', mode: 'chat' as const, features: { parallel_tool_calls: false } } } },
  };
  const snapshotTarget = (modelInfo?: Record<string, unknown>) => {
    const config: GatewayConfig = { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/acme-mini', api_key: 'k' }, ...(modelInfo ? { model_info: modelInfo } : {}) }] };
    const entries = collectCapabilityEntries([...builtinCapabilityFiles(), imported]);
    return buildSnapshot({ settings: loadSettings({ config, env: {} }), entries, version: 1 }).targets.get('m')![0]!;
  };

  it('does not refuse by default, and says so in the entry', () => {
    const subject = snapshotTarget();
    expect(subject.capability?.enforce_features).toBe(false);
    expect(refusal(subject, 'chat.completions', chat({ parallel_tool_calls: true }))).toBeUndefined();
  });

  it('refuses once the deployment opts in', () => {
    expect(refusal(snapshotTarget({ enforce_features: true }), 'chat.completions', chat({ parallel_tool_calls: true }))).toMatchObject({ param: 'parallel_tool_calls' });
  });

  it('keeps the curated default for a builtin model the map also describes', () => {
    const overO3 = { ...imported, file: { models: { o3: { provider: 'openai', mode: 'chat' as const, limits: { max_output_tokens: 100000 } } } } };
    const entries = collectCapabilityEntries([...builtinCapabilityFiles(), overO3]);
    expect(entries.get('o3')?.enforce_features).toBeUndefined();
  });
});
