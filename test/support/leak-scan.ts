import { pino } from 'pino';
import type { CostEvent, Logger } from '@switchyard/core';
import { expect } from 'vitest';

/**
 * Collects everything the gateway lets out during a suite (every response body and header a
 * client saw, every log line, access-log lines included) and checks that no configured key,
 * nor its first 12 characters, appears in any of it.
 *
 * Use `scan.fetch` as the client's fetch (the `openai` SDK takes it as `fetch`), `scan.logger`
 * as the gateway's `logger`, and `scan.accessLog` as `onCost` (what `switchyard --access-log`
 * writes). Bodies are read from a clone, so streams reach the client as they came.
 */
export class LeakScan {
  readonly bodies: string[] = [];
  readonly headers: string[] = [];
  readonly logLines: string[] = [];
  /** A real pino logger at `debug`, writing into `logLines`, with no redact paths of its own. */
  readonly logger: Logger = pino({ level: 'debug' }, { write: (line: string) => void this.logLines.push(line) });
  readonly accessLog = (event: CostEvent): void => this.logger.info(event, 'request');
  readonly #pending: Promise<void>[] = [];

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    this.record(response);
    return response;
  };

  /** Records a response the caller fetched itself; its body is read from a clone. */
  record(response: Response): void {
    for (const [name, value] of response.headers) this.headers.push(`${name}: ${value}`);
    this.#pending.push(
      response
        .clone()
        .text()
        .then((text) => void this.bodies.push(text), () => undefined),
    );
  }

  /** Fails naming where a secret (or its first 12 characters) was found; needs something scanned. */
  async expectNoLeak(secrets: readonly string[]): Promise<void> {
    await Promise.all(this.#pending);
    expect(this.bodies.length, 'response bodies scanned').toBeGreaterThan(0);
    expect(this.logLines.length, 'log lines scanned').toBeGreaterThan(0);
    const places = [
      ...this.bodies.map((text) => ['body', text] as const),
      ...this.headers.map((text) => ['header', text] as const),
      ...this.logLines.map((text) => ['log line', text] as const),
    ];
    const leaks: string[] = [];
    for (const secret of secrets) {
      const needles = new Set([secret, secret.slice(0, 12)]);
      for (const [kind, text] of places) {
        for (const needle of needles) if (text.includes(needle)) leaks.push(`${kind} holds ${JSON.stringify(needle)}: ${text.slice(0, 300)}`);
      }
    }
    expect(leaks).toEqual([]);
  }
}
