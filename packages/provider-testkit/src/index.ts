// Public API of @switchyard/provider-testkit.
export { runProviderConformance } from './run-provider-conformance.js';
export type { ConformanceOptions, ExpectedUsage, ProviderFixtures, ScriptPair, UpstreamScript } from './conformance-options.js';
export {
  CONFORMANCE_PARALLEL_TOOL_CALLS,
  CONFORMANCE_PRICING,
  CONFORMANCE_TEXT,
  CONFORMANCE_TOOL_CALL,
  CONFORMANCE_TOOLS,
  DEFAULT_TEST_KEY,
  type ExpectedToolCall,
} from './expectations.js';
export { sseFrames } from './sse-frames.js';
export { runRecordedFixtures, type RecordedFixture, type RecordedFixtureOptions } from './run-recorded-fixtures.js';
