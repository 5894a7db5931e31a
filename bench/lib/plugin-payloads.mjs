// What the in-process plugin micro-benchmarks share: one short answer (9 text pieces) in each
// wire format, and CPU time per call. Each benchmark answers these from undici's MockAgent.

export const ORIGIN = 'http://upstream.bench';
export const PIECES = ['Hello', ' there', ', how', ' can', ' I', ' help', ' you', ' today', '?'];
export const TEXT = PIECES.join('');

/** OpenAI Chat Completions (and Azure, which speaks the same wire format): JSON and SSE with usage. */
export const openaiJson = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21, prompt_tokens_details: { cached_tokens: 0 } },
});
const openaiChunk = (delta, finish = null) => ({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
export const openaiStream = [
  openaiChunk({ role: 'assistant', content: '' }),
  ...PIECES.map((piece) => openaiChunk({ content: piece })),
  openaiChunk({}, 'stop'),
  { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } },
].map((data) => `data: ${JSON.stringify(data)}\n\n`).join('') + 'data: [DONE]\n\n';

/** Anthropic Messages: the answer's usage, the JSON Message, and one SSE event. */
export const anthropicUsage = { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 9 };
export const anthropicJson = JSON.stringify({
  id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: TEXT }],
  stop_reason: 'end_turn', stop_sequence: null, usage: anthropicUsage,
});
export const anthropicEvent = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/** CPU (user + system) per call in µs over `iterations` calls, after a warm-up of 500. */
export async function cpuPerCall(fn, iterations) {
  for (let index = 0; index < 500; index++) await fn();
  const before = process.cpuUsage();
  for (let index = 0; index < iterations; index++) await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}
