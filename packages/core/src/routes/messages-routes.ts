import { checkMessagesRequest } from '../bridge/check-messages-request.js';
import { messagesToChatRequest } from '../bridge/messages-to-chat-request.js';
import { isJsonObject } from '../bridge/json-object.js';
import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import { jsonResponse } from '../http/gateway-response.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import { countTextTokens, inputTexts } from '../validation/input-token-bound.js';
import type { Route } from './route.js';

/** Anthropic's Messages API for Anthropic clients: native to Anthropic deployments, bridged to Chat for the rest. */
export const messagesRoute: Route = { name: 'messages', method: 'POST', paths: ['/messages'], endpoint: 'messages', errorShape: 'anthropic' };

/** Tokens a message's framing adds (role, separators), as OpenAI's cookbook counts them. */
const TOKENS_PER_MESSAGE = 3;

/**
 * `POST /v1/messages/count_tokens`, answered by the gateway: an estimate with the o200k_base
 * tokenizer core uses for context checks (Claude's tokenizer is not public), over the system
 * prompt, the message texts, tool results and the tool definitions, plus a few tokens per
 * message. Images and PDFs are not counted. The model must be one the gateway serves.
 */
export const countTokensRoute: Route = {
  name: 'messages.count_tokens',
  method: 'POST',
  paths: ['/messages/count_tokens'],
  errorShape: 'anthropic',
  handle: (context) => jsonResponse(200, { input_tokens: countMessagesTokens(context) }),
};

function countMessagesTokens(context: GatewayContext): number {
  const body = context.request.body;
  if (!isJsonObject(body)) throw new GatewayError('invalid_body', 'The request body must be a JSON object.');
  const model = body.model;
  if (typeof model !== 'string' || model === '') throw new GatewayError('missing_required_parameter', 'model: Field required', { param: 'model' });
  const group = context.snapshot.targets.has(model) ? model : (context.services.settings.router.aliases.get(model)?.model ?? model);
  if (context.snapshot.lookup(group) === undefined) {
    throw new GatewayError('model_not_found', `The model \`${clip(model)}\` does not exist or you do not have access to it.`, { param: 'model' });
  }
  checkMessagesRequest(body, { requireMaxTokens: false });
  // max_tokens is not part of count_tokens; the translation wants one.
  const chat = messagesToChatRequest({ ...body, max_tokens: 1 });
  const messages = chat.messages as readonly unknown[];
  const texts = inputTexts('chat.completions', chat);
  if (chat.tools !== undefined) texts.push(JSON.stringify(chat.tools));
  return countTextTokens(texts) + TOKENS_PER_MESSAGE * messages.length;
}
