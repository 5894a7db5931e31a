// Public API of @switchyard/provider-anthropic.
export { anthropic } from './anthropic-provider.js';
export type { AnthropicProviderOptions } from './anthropic-provider-options.js';
export type { AnthropicProvider } from './create-anthropic-provider.js';
export type { MessagesCall, MessagesResult } from './send-messages.js';
export { withAnthropic } from './with-anthropic.js';
export { THINKING_BUDGETS } from './map-thinking.js';
