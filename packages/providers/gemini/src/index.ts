// Public API of @switchyard/provider-gemini.
export { gemini } from './gemini-provider.js';
export type { GeminiProviderOptions } from './gemini-provider-options.js';
