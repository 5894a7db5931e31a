// Public API of @switchyard/provider-bedrock.
export { bedrock } from './bedrock-provider.js';
export type { BedrockProviderOptions } from './bedrock-provider-options.js';
export { withBedrock } from './with-bedrock.js';
export { THINKING_BUDGETS } from './map-reasoning.js';
export { decodeEventStream, EventStreamDecoder, EventStreamFormatError, type EventStreamMessage } from './event-stream-decoder.js';
