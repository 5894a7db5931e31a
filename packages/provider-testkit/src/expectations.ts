/** What the scripted fixtures must say, so the suite can check what the client gets. */
export const CONFORMANCE_TEXT = 'Hello from the testkit.';

export interface ExpectedToolCall {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

export const CONFORMANCE_TOOL_CALL: ExpectedToolCall = { name: 'get_weather', arguments: { city: 'Paris' } };

export const CONFORMANCE_PARALLEL_TOOL_CALLS: readonly ExpectedToolCall[] = [
  { name: 'get_weather', arguments: { city: 'Paris' } },
  { name: 'get_time', arguments: { city: 'Tokyo' } },
];

/** The tools every tool request offers. */
export const CONFORMANCE_TOOLS = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
  {
    type: 'function',
    function: { name: 'get_time', description: 'Local time by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];

/** Prices the suite sets on the deployment (`model_info.pricing`), so the expected cost is known exactly. */
export const CONFORMANCE_PRICING = { input: 0.000001, cached_input: 0.0000001, cache_write: 0.00000125, output: 0.000002 };
/** The same prices in attoUSD per token (1 USD = 10^18 attoUSD), for exact arithmetic. */
export const CONFORMANCE_PRICING_ATTO = { input: 10n ** 12n, cached_input: 10n ** 11n, output: 2n * 10n ** 12n };

export const DEFAULT_TEST_KEY = 'sk-testkit-0123456789abcdefSECRET';
