import { setImmediate as nextTurn } from 'node:timers/promises';
import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilityFile } from '../generated/capability.js';
import { detectCapabilityFormat, type CapabilityFormat } from './detect-capability-format.js';
import { convertLitellmMap } from './litellm/convert-litellm-map.js';
import { findCapabilityFileProblems, invalidCapabilityFile, type LoadedCapabilityFile } from './parse-capability-file.js';
import type { SourceProblem } from './reload-summary.js';

export interface ParsedCapabilitySource {
  readonly loaded: LoadedCapabilityFile;
  readonly format: CapabilityFormat;
  /** LiteLLM entries (or values) left out; never fatal. */
  readonly problems: readonly SourceProblem[];
}

export interface ParseSourceOptions {
  /** The source as configured (a path or URL), named in every message. */
  readonly source: string;
  /** As configured; detected from the content when not given. */
  readonly format: CapabilityFormat | undefined;
}

/**
 * A source's text → a validated capability file. Bad JSON, an unknown format and (for a
 * Switchyard file) any schema violation refuse the source with the precise problem; a LiteLLM
 * map is converted, and an entry the conversion or the schema cannot accept is left out and
 * reported, since one odd entry among thousands must not block a price update.
 */
export function parseCapabilitySource(text: string, options: ParseSourceOptions): ParsedCapabilitySource {
  const steps = parseSteps(text, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, giving the event loop a turn between the expensive steps (JSON.parse, conversion,
 * validation: tens of milliseconds each for LiteLLM's whole map), so requests keep flowing
 * while a reload runs.
 */
export async function parseCapabilitySourceAsync(text: string, options: ParseSourceOptions): Promise<ParsedCapabilitySource> {
  const steps = parseSteps(text, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

function* parseSteps(text: string, options: ParseSourceOptions): Generator<void, ParsedCapabilitySource> {
  const { source } = options;
  const value = parseJson(text, source);
  yield;
  const format = options.format ?? detectCapabilityFormat(value);
  if (format === undefined) {
    throw new GatewayError(
      'invalid_capabilities',
      `Capability source ${source} is neither a Switchyard capability file (a top-level "models" object) nor a LiteLLM cost map (model keys whose entries have "litellm_provider", "input_cost_per_token", …). Set "format" on the source if it is one of them.`,
    );
  }
  if (format === 'switchyard') {
    const problems = findCapabilityFileProblems(value);
    if (problems.length > 0) throw invalidCapabilityFile(source, problems.map((problem) => problem.line));
    return { loaded: { source, file: value as CapabilityFile }, format, problems: [] };
  }
  const conversion = convertLitellmMap(value);
  yield;
  const problems: SourceProblem[] = conversion.problems.map((problem) => ({ source, ...problem }));
  if (conversion.problems.length === 1 && conversion.problems[0]!.model === '') {
    throw new GatewayError('invalid_capabilities', `Capability source ${source}: ${conversion.problems[0]!.message.replace(/^skipped: /, '')}.`);
  }
  const kept = keepValidEntries(conversion.file, source);
  return { loaded: { source, file: kept.file, imported: true }, format, problems: [...problems, ...kept.problems] };
}

/**
 * A converted map with the entries the schema refuses left out and reported. The converter
 * means to emit only valid entries; this keeps one it got wrong from blocking the whole map.
 */
export function keepValidEntries(file: CapabilityFile, source: string): { file: CapabilityFile; problems: SourceProblem[] } {
  const schemaProblems = findCapabilityFileProblems(file);
  if (schemaProblems.length === 0) return { file, problems: [] };
  const models: CapabilityFile["models"] = { ...file.models };
  const problems: SourceProblem[] = [];
  for (const problem of schemaProblems) {
    if (problem.model === undefined) throw invalidCapabilityFile(source, [problem.line]);
    delete models[problem.model];
    problems.push({ source, model: problem.model, message: `skipped: the converted entry is invalid: ${problem.line}`, skipped: true });
  }
  const remaining = findCapabilityFileProblems({ models });
  if (remaining.length > 0) throw invalidCapabilityFile(source, remaining.map((problem) => problem.line));
  return { file: { models }, problems };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 names a position for some mistakes only; a truncated file is at its end.
    const position = /at position (\d+)/.exec(message);
    const at = position !== null ? Number(position[1]) : /Unexpected end of JSON input/.test(message) ? text.length : undefined;
    const where = at === undefined ? '' : ` (${lineAndColumn(text, at)})`;
    throw new GatewayError('invalid_capabilities', `Capability source ${source} is not valid JSON: ${message}${where}.`, { cause: error });
  }
}

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < position; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}
