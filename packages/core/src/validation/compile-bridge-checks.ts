import { isResponsesOnly } from '../bridge/choose-bridge.js';
import { RESPONSES_MIN_OUTPUT_TOKENS, WITHOUT_EQUIVALENT } from '../bridge/without-responses-equivalent.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { describeValue } from './describe-value.js';
import type { CheckContext, RequestCheck } from './request-check.js';

/**
 * Checks for chat/completions requests to a model served through the Responses API only
 * (gpt-5.5-pro): what the bridge cannot translate is refused here, before upstream, like any
 * parameter the model does not support — so drop_params removes it and lists it in
 * `x-switchyard-dropped-params`. `web_search_options` is translated (to the `web_search` tool)
 * only where the data says the model searches the web. An output limit below the Responses
 * minimum is refused naming the client's own parameter, never dropped (that would lift it).
 */
export function compileBridgeChecks(capability: ModelCapability, endpoint: Endpoint, context: CheckContext): RequestCheck[] {
  if (endpoint !== 'chat.completions' || !isResponsesOnly(capability)) return [];
  const suffix = `with model ${context.model}, which is served through the Responses API`;
  const checks: RequestCheck[] = [];
  for (const [name, isNeutral] of Object.entries(WITHOUT_EQUIVALENT)) {
    checks.push((body) => {
      const value = body[name];
      if (value === undefined || value === null || isNeutral(value)) return undefined;
      return { code: 'unsupported_parameter', param: name, message: `Unsupported parameter: '${name}' is not supported ${suffix}.`, drop: [name] };
    });
  }
  if (capability.features?.web_search !== true) {
    checks.push((body) => {
      const value = body.web_search_options;
      if (value === undefined || value === null) return undefined;
      return { code: 'unsupported_parameter', param: 'web_search_options', message: `Unsupported parameter: 'web_search_options' is not supported ${suffix} without web search.`, drop: ['web_search_options'] };
    });
  }
  for (const name of ['max_tokens', 'max_completion_tokens'] as const) {
    checks.push((body) => {
      const value = body[name];
      if (typeof value !== 'number' || value >= RESPONSES_MIN_OUTPUT_TOKENS) return undefined;
      return {
        code: 'invalid_value',
        param: name,
        message: `Invalid '${name}': ${describeValue(value)} is too small. Model ${context.model} is served through the Responses API, which needs an output limit of at least ${RESPONSES_MIN_OUTPUT_TOKENS} tokens.`,
      };
    });
  }
  return checks;
}
