import { readFileSync } from 'node:fs';
import { GatewayError } from '../errors/gateway-error.js';
import { parseCapabilityFile, type LoadedCapabilityFile } from './parse-capability-file.js';

/** Reads and validates a capability file from disk; every failure names the file. */
export function readCapabilityFile(path: string): LoadedCapabilityFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GatewayError('capability_source_unavailable', `Cannot read capability file ${path}${code ? ` (${code})` : ''}.`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError('invalid_capabilities', `Capability file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseCapabilityFile(value, path);
}
