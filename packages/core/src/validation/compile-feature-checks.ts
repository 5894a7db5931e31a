import type { Features, ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import type { RequestProblem } from './request-problem.js';
import type { CheckContext, RequestCheck } from './request-check.js';

type Body = Record<string, unknown>;

/** Parameters that mean tools; an embeddings request never takes them. */
const TOOL_PARAMS = ['tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call'] as const;

/**
 * The capability's `features` as request checks: a feature the data marks `false` refuses
 * (or, under drop_params, removes) the parameter that needs it. A feature the data leaves out
 * is unknown and refuses nothing. Only compiled for what the model lacks, so a model with every
 * feature pays nothing per request; the content scans (images, PDFs) exist only for models
 * without vision or PDF input. Off when the entry says `enforce_features: false` (the default
 * for entries only LiteLLM's map describes). An embeddings request is refused tools whatever
 * the data.
 */
export function compileFeatureChecks(capability: ModelCapability, endpoint: Endpoint, context: CheckContext): RequestCheck[] {
  if (endpoint === 'embeddings') return TOOL_PARAMS.map((name) => presentCheck(name, [name], `an embeddings request takes no '${name}'`, context));
  if (capability.enforce_features === false) return [];
  const lacks = (feature: keyof Features) => capability.features?.[feature] === false;
  const checks: RequestCheck[] = [];
  const chat = endpoint === 'chat.completions';
  if (lacks('function_calling')) {
    const why = 'it does not support function calling';
    checks.push(chat ? presentCheck('tools', ['tools'], why, context) : matchingToolCheck((type) => type === 'function', why, context, true));
    checks.push(presentCheck('tool_choice', ['tool_choice'], why, context));
    if (chat) checks.push(presentCheck('functions', ['functions'], why, context), presentCheck('function_call', ['function_call'], why, context));
  }
  if (lacks('parallel_tool_calls')) checks.push(presentCheck('parallel_tool_calls', ['parallel_tool_calls'], 'it does not support parallel tool calls', context));
  if (lacks('structured_output')) {
    const why = "it does not support structured output (response format 'json_schema')";
    checks.push(
      chat
        ? (body) => (typeOf(body.response_format) === 'json_schema' ? problem('response_format', ['response_format'], why, context) : undefined)
        : (body) => (typeOf(objectOf(body.text)?.format) === 'json_schema' ? problem('text.format', ['text', 'format'], why, context) : undefined),
    );
  }
  if (lacks('web_search')) {
    const why = 'it does not support web search';
    checks.push(chat ? presentCheck('web_search_options', ['web_search_options'], why, context) : matchingToolCheck((type) => type.startsWith('web_search'), why, context, false));
  }
  if (lacks('vision')) checks.push(contentPartCheck(endpoint, chat ? 'image_url' : 'input_image', 'it does not accept images', context));
  if (lacks('pdf_input')) checks.push(contentPartCheck(endpoint, chat ? 'file' : 'input_file', 'it does not accept files', context));
  return checks;
}

function problem(param: string, drop: readonly string[] | undefined, why: string, context: CheckContext): RequestProblem {
  const message = `Unsupported parameter: '${param}' is not supported with model ${context.model}: ${why}.`;
  return drop === undefined ? { code: 'unsupported_parameter', param, message } : { code: 'unsupported_parameter', param, message, drop };
}

function presentCheck(param: string, drop: readonly string[], why: string, context: CheckContext): RequestCheck {
  return (body) => (body[param] === undefined || body[param] === null ? undefined : problem(param, drop, why, context));
}

/** Responses `tools` holding a tool of the given kind; removable whole only when every tool is of that kind. */
function matchingToolCheck(matches: (type: string) => boolean, why: string, context: CheckContext, droppable: boolean): RequestCheck {
  return (body) => {
    const tools = body.tools;
    if (!Array.isArray(tools)) return undefined;
    const found = tools.filter((tool) => matches(typeOf(tool) ?? ''));
    if (found.length === 0) return undefined;
    return problem('tools', droppable && found.length === tools.length ? ['tools'] : undefined, why, context);
  };
}

/** A content part of this type in any message: refused (a part cannot be dropped without changing the conversation). */
function contentPartCheck(endpoint: Endpoint, partType: string, why: string, context: CheckContext): RequestCheck {
  const listName = endpoint === 'chat.completions' ? 'messages' : 'input';
  return (body) => {
    const list = body[listName];
    if (!Array.isArray(list)) return undefined;
    for (let index = 0; index < list.length; index++) {
      const content = objectOf(list[index])?.content;
      if (!Array.isArray(content)) continue;
      for (let part = 0; part < content.length; part++) {
        if (typeOf(content[part]) === partType) return problem(`${listName}[${index}].content[${part}]`, undefined, why, context);
      }
    }
    return undefined;
  };
}

function objectOf(value: unknown): Body | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined;
}

function typeOf(value: unknown): string | undefined {
  const type = objectOf(value)?.type;
  return typeof type === 'string' ? type : undefined;
}
