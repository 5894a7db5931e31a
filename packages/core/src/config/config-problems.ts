import { GatewayError, isGatewayError } from '../errors/gateway-error.js';

/**
 * Every problem of one config, collected instead of thrown one at a time, so a user fixes them
 * all after one start (or one refused reload). Each problem starts with its path
 * (`model_list[7].litellm_params.model …`).
 */
export class ConfigProblems {
  readonly #lines: string[] = [];

  add(line: string): void {
    if (!this.#lines.includes(line)) this.#lines.push(line);
  }

  /** Runs `work`, turning an `invalid_config` error it throws into problems; returns undefined then. */
  collect<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!isGatewayError(error) || error.code !== 'invalid_config') throw error;
      for (const line of problemsOf(error)) this.add(line);
      return undefined;
    }
  }

  get lines(): readonly string[] {
    return this.#lines;
  }

  get size(): number {
    return this.#lines.length;
  }

  /** Throws one `invalid_config` GatewayError listing every problem, if there is any. */
  throwIfAny(source: string): void {
    if (this.#lines.length === 0) return;
    throw configError(source, this.#lines);
  }
}

/** The one error listing them all; `problems` keeps the list for callers that show it otherwise. */
export function configError(source: string, lines: readonly string[], status?: number): GatewayError & { problems: readonly string[] } {
  const count = lines.length === 1 ? '1 problem' : `${lines.length} problems`;
  const message = `Invalid config (${source}), ${count}:\n${lines.map((line) => `  - ${line}`).join('\n')}`;
  const error = new GatewayError('invalid_config', message, status === undefined ? {} : { status });
  return Object.assign(error, { problems: lines });
}

/** The problems an invalid_config error carries: its list, or its message as one problem. */
export function problemsOf(error: GatewayError): readonly string[] {
  const listed = (error as GatewayError & { problems?: readonly string[] }).problems;
  if (listed !== undefined) return listed;
  return [error.message.replace(/^Invalid config: /, '').replace(/\.$/, '')];
}
