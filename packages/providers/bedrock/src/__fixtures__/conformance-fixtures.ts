// Scripted Bedrock answers for @switchyard/provider-testkit, in Converse's wire format
// (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) and ConverseStream's
// binary event stream, encoded by the AWS SDK's codec.
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, type ProviderFixtures } from '@switchyard/provider-testkit';
import { EVENT_STREAM_HEADERS, framesOf, type ConverseStreamEvent } from './event-stream.js';

const usage = { inputTokens: 20, outputTokens: 10, totalTokens: 30 };
const metadata: ConverseStreamEvent = { metadata: { usage, metrics: { latencyMs: 321 } } };
type Call = { readonly name: string; readonly arguments: Readonly<Record<string, unknown>> };

const converse = (content: unknown[], stopReason: string) => ({
  body: { output: { message: { role: 'assistant', content } }, stopReason, usage, metrics: { latencyMs: 321 } },
  headers: { 'x-amzn-requestid': 'f3b1c2d4-0000-4000-8000-conformance' },
});

function toolEvents(calls: readonly Call[]): ConverseStreamEvent[] {
  const events: ConverseStreamEvent[] = [{ messageStart: { role: 'assistant' } }];
  calls.forEach((call, index) => {
    const json = JSON.stringify(call.arguments);
    events.push(
      { contentBlockStart: { contentBlockIndex: index, start: { toolUse: { toolUseId: `tooluse_${index}abc`, name: call.name } } } },
      { contentBlockDelta: { contentBlockIndex: index, delta: { toolUse: { input: json.slice(0, 5) } } } },
      { contentBlockDelta: { contentBlockIndex: index, delta: { toolUse: { input: json.slice(5) } } } },
      { contentBlockStop: { contentBlockIndex: index } },
    );
  });
  return [...events, { messageStop: { stopReason: 'tool_use' } }, metadata];
}

const toolUse = (calls: readonly Call[]) => converse(calls.map((call, index) => ({ toolUse: { toolUseId: `tooluse_${index}abc`, name: call.name, input: call.arguments } })), 'tool_use');
const stream = (events: ConverseStreamEvent[]) => ({ headers: EVENT_STREAM_HEADERS, chunks: framesOf(events) });

const EXCEPTIONS: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

export const bedrockConformanceFixtures: ProviderFixtures = {
  text: {
    json: converse([{ text: CONFORMANCE_TEXT }], 'end_turn'),
    stream: stream([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: CONFORMANCE_TEXT.slice(0, 6) } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: CONFORMANCE_TEXT.slice(6) } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
      metadata,
    ]),
  },
  toolCall: { json: toolUse([CONFORMANCE_TOOL_CALL]), stream: stream(toolEvents([CONFORMANCE_TOOL_CALL])) },
  parallelToolCalls: { json: toolUse(CONFORMANCE_PARALLEL_TOOL_CALLS), stream: stream(toolEvents(CONFORMANCE_PARALLEL_TOOL_CALLS)) },
  error: (status, message) => ({
    status,
    headers: { 'x-amzn-errortype': `${EXCEPTIONS[status] ?? 'InternalServerException'}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': 'err-0001' },
    body: { message },
  }),
  streamStart: framesOf([{ messageStart: { role: 'assistant' } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } }]),
};
