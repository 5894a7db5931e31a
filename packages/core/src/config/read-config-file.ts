import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Tags } from 'yaml';
import { GatewayError } from '../errors/gateway-error.js';
import { maskConfigLine, maskSecretsIn } from './key-like.js';

/**
 * LiteLLM reads config.yaml with PyYAML, which speaks YAML 1.1: `tpm: 20_000` is the number
 * 20000 and `yes`/`no` are booleans there, so the same file means the same here. PyYAML also
 * turns `api_version: 2024-02-01` into a date, which LiteLLM then uses as the string it was
 * written as: timestamps stay strings.
 */
const LITELLM_YAML = {
  version: '1.1',
  customTags: (tags: Tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
} as const;

/**
 * Reads a YAML (or JSON) config file. A syntax error names the file, line and column of every
 * problem and shows the offending line with credentials masked: the file holds the master key
 * and upstream keys, and start-up errors end up in terminals, CI logs and bug reports.
 */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GatewayError('invalid_config', `Cannot read config file ${path}${code ? ` (${code})` : ''}.`, { cause: error });
  }
  const lineCounter = new LineCounter();
  // prettyErrors off: the library's pretty form quotes the surrounding source lines verbatim.
  const document = parseDocument(text, { ...LITELLM_YAML, prettyErrors: false, lineCounter, uniqueKeys: true });
  if (document.errors.length === 0) return document.toJS() ?? {};
  const lines = text.split(/\r?\n/);
  const problems = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    // At the end of the file or on a blank line, the line before is the one to look at.
    let shownLine = line;
    while (shownLine > 1 && (lines[shownLine - 1] ?? '').trim() === '') shownLine--;
    const source = lines[shownLine - 1] ?? '';
    const caret = shownLine === line ? `\n      ${' '.repeat(Math.max(0, col - 1))}^` : '';
    const shown = source.trim() === '' ? '' : `\n      ${shownLine === line ? '' : `(line ${shownLine}) `}${maskConfigLine(source)}${caret}`;
    return `  - line ${line}, column ${col}: ${maskSecretsIn(error.message)}${shown}`;
  });
  throw new GatewayError('invalid_config', `Config file ${path} is not valid YAML:\n${problems.join('\n')}`);
}
