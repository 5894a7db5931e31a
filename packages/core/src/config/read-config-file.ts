import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GatewayError } from '../errors/gateway-error.js';

/** Reads a YAML (or JSON) config file. Syntax errors name the file, line and column. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GatewayError('invalid_config', `Cannot read config file ${path}${code ? ` (${code})` : ''}.`, { cause: error });
  }
  try {
    return parse(text, { prettyErrors: true }) ?? {};
  } catch (error) {
    throw new GatewayError('invalid_config', `Config file ${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}
