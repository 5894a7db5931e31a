// Public API of @switchyard/provider-openai.
export { openai } from './openai-provider.js';
export type { OpenAIProviderOptions } from './openai-provider-options.js';
export { withOpenAI } from './with-openai.js';
// Building blocks for plugins whose upstream speaks the OpenAI wire format (Azure OpenAI).
export { sendUpstream } from './create-openai-provider.js';
export { mapUpstreamError } from './map-upstream-error.js';
export { readUpstreamBody } from './read-upstream-body.js';
export { responseTooLarge, type UpstreamTarget } from './upstream-target.js';
