// Public API of @switchyard/provider-openai.
export { openai } from './openai-provider.js';
export type { OpenAIProviderOptions } from './openai-provider-options.js';
export { withOpenAI } from './with-openai.js';
