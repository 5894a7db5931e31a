import { GatewayError } from '@switchyard/core';
import { toGeminiSchema } from './convert-schema.js';

type Json = Record<string, unknown>;

interface ChatMessage {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  name?: unknown;
}

/**
 * An OpenAI Chat Completions body as a Gemini `generateContent` request: system and developer
 * messages → `systemInstruction`; user/assistant → `user`/`model` contents (consecutive turns of
 * one role merged, as Gemini wants them alternating); tool calls → `functionCall` parts, tool
 * results → `functionResponse` parts named after the call they answer; image and file parts →
 * `inlineData` (data: URLs) or `fileData` (URIs); tools, tool_choice, response_format and
 * reasoning_effort → their Gemini counterparts.
 */
export function toGeminiRequest(body: Json, model: string): Json {
  const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
  const system: Json[] = [];
  const contents: { role: string; parts: Json[] }[] = [];
  const callNames = new Map<string, string>();
  const push = (role: string, parts: Json[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last !== undefined && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    const role = message.role;
    if (role === 'system' || role === 'developer') system.push(...textParts(message.content));
    else if (role === 'user') push('user', contentParts(message.content, `messages[${index}].content`));
    else if (role === 'assistant') {
      const parts = textParts(message.content);
      for (const call of Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : []) {
        const fn = (call.function ?? {}) as Json;
        const name = String(fn.name ?? '');
        if (typeof call.id === 'string') callNames.set(call.id, name);
        const signature = typeof call.id === 'string' ? thoughtSignatureOf(call.id) : undefined;
        parts.push({ functionCall: { name, args: parseArguments(fn.arguments, `messages[${index}].tool_calls`) }, ...(signature === undefined ? {} : { thoughtSignature: signature }) });
      }
      push('model', parts);
    } else if (role === 'tool') {
      const name = typeof message.tool_call_id === 'string' ? callNames.get(message.tool_call_id) : undefined;
      if (name === undefined) {
        throw new GatewayError('invalid_value', `messages[${index}].tool_call_id does not name a tool call of an earlier assistant message.`, { param: `messages[${index}].tool_call_id` });
      }
      const text = textParts(message.content).map((part) => part.text).join('');
      push('user', [{ functionResponse: { name, response: { content: parseMaybeJson(text) } } }]);
    }
  });
  const request: Json = { contents };
  if (system.length > 0) request.systemInstruction = { parts: system };
  const tools = functionDeclarations(body.tools);
  if (tools.length > 0) request.tools = [{ functionDeclarations: tools }];
  const toolConfig = functionCallingConfig(body.tool_choice);
  if (toolConfig !== undefined) request.toolConfig = toolConfig;
  const generationConfig = generationConfigOf(body, model);
  if (Object.keys(generationConfig).length > 0) request.generationConfig = generationConfig;
  return request;
}

/**
 * Gemini 3 wants a function call's `thoughtSignature` back with it in the next turn. OpenAI
 * clients carry nothing but the call id, so the signature rides in the id
 * (`call_0__thought__<signature>`, as LiteLLM does) and is taken out here.
 */
export const THOUGHT_SEPARATOR = '__thought__';

function thoughtSignatureOf(id: string): string | undefined {
  const at = id.indexOf(THOUGHT_SEPARATOR);
  return at === -1 ? undefined : id.slice(at + THOUGHT_SEPARATOR.length);
}

function textParts(content: unknown): Json[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter((part): part is Json => typeof part === 'object' && part !== null && (part as Json).type === 'text').map((part) => ({ text: String(part.text ?? '') }));
}

function contentParts(content: unknown, param: string): Json[] {
  if (!Array.isArray(content)) return textParts(content);
  return content.map((part: Json, index) => {
    if (part.type === 'text') return { text: String(part.text ?? '') };
    if (part.type === 'image_url') return mediaPart(String((part.image_url as Json | undefined)?.url ?? ''), undefined);
    if (part.type === 'file') {
      const file = (part.file ?? {}) as Json;
      if (typeof file.file_data === 'string') return mediaPart(file.file_data, undefined);
      if (typeof file.file_id === 'string') return { fileData: { fileUri: file.file_id, ...(typeof file.format === 'string' ? { mimeType: file.format } : {}) } };
    }
    if (part.type === 'input_audio') {
      const audio = (part.input_audio ?? {}) as Json;
      return { inlineData: { mimeType: `audio/${String(audio.format ?? 'wav')}`, data: String(audio.data ?? '') } };
    }
    throw new GatewayError('unsupported_value', `${param}[${index}].type "${String(part.type)}" is not supported by Gemini.`, { param: `${param}[${index}].type` });
  });
}

/** `data:image/png;base64,…` → inlineData; any other URL (gs://, https://, Files API) → fileData. */
function mediaPart(url: string, mimeType: string | undefined): Json {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const header = url.slice(5, comma);
    return { inlineData: { mimeType: header.split(';')[0] || 'application/octet-stream', data: url.slice(comma + 1) } };
  }
  return { fileData: { fileUri: url, ...(mimeType === undefined ? {} : { mimeType }) } };
}

function parseArguments(value: unknown, param: string): unknown {
  if (typeof value !== 'string' || value === '') return {};
  try {
    return JSON.parse(value);
  } catch {
    throw new GatewayError('invalid_value', `${param}: function arguments must be JSON.`, { param });
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function functionDeclarations(tools: unknown): Json[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((tool: Json) => tool?.type === 'function')
    .map((tool: Json, index) => {
      const fn = (tool.function ?? {}) as Json;
      return {
        name: fn.name,
        ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
        ...(fn.parameters === undefined ? {} : { parameters: toGeminiSchema(fn.parameters, `tools[${index}].function.parameters`) }),
      };
    });
}

function functionCallingConfig(choice: unknown): Json | undefined {
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const name = ((choice as Json | undefined)?.function as Json | undefined)?.name;
  if (typeof name === 'string') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
  return undefined;
}

/** Gemini 2.5 takes a token budget; Gemini 3 a level. `none` turns thinking off where the model allows it. */
const THINKING_BUDGETS: Readonly<Record<string, number>> = { none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576 };

function generationConfigOf(body: Json, model: string): Json {
  const config: Json = {};
  if (typeof body.temperature === 'number') config.temperature = body.temperature;
  if (typeof body.top_p === 'number') config.topP = body.top_p;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') config.maxOutputTokens = maxTokens;
  if (typeof body.stop === 'string') config.stopSequences = [body.stop];
  else if (Array.isArray(body.stop)) config.stopSequences = body.stop;
  if (typeof body.n === 'number') config.candidateCount = body.n;
  if (typeof body.seed === 'number') config.seed = body.seed;
  if (typeof body.presence_penalty === 'number') config.presencePenalty = body.presence_penalty;
  if (typeof body.frequency_penalty === 'number') config.frequencyPenalty = body.frequency_penalty;
  const format = body.response_format as Json | undefined;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  else if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = (format.json_schema as Json | undefined)?.schema;
    if (schema !== undefined) config.responseSchema = toGeminiSchema(schema, 'response_format.json_schema.schema');
  }
  const effort = body.reasoning_effort;
  if (typeof effort === 'string') {
    if (model.startsWith('gemini-3')) config.thinkingConfig = { thinkingLevel: effort === 'high' || effort === 'xhigh' ? 'high' : 'low' };
    else if (THINKING_BUDGETS[effort] !== undefined) config.thinkingConfig = { thinkingBudget: THINKING_BUDGETS[effort] };
  }
  return config;
}
