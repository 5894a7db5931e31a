import type { Logger } from '@switchyard/core';
import type { Redis } from 'ioredis';

/**
 * Whether Redis can be used right now, logged once when it goes away and once when it is back
 * (never per request). A command failure (a timeout on a hung server that keeps the socket
 * open) marks it down too; the next successful command or a fresh `ready` marks it up.
 */
export class ConnectionWatch {
  #up = false;
  #saidDown = false;
  #stopped = false;
  readonly #logger: Logger;
  readonly #what: string;
  readonly #address: string;

  constructor(options: { client: Redis; logger: Logger; what: string; address: string }) {
    this.#logger = options.logger;
    this.#what = options.what;
    this.#address = options.address;
    options.client.on('ready', () => this.succeeded());
    options.client.on('error', (error: Error) => this.failed(error));
    options.client.on('close', () => this.failed(undefined));
  }

  get up(): boolean {
    return this.#up;
  }

  /** Closing on purpose: the connection going away now is not news. */
  stop(): void {
    this.#stopped = true;
    this.#up = false;
  }

  succeeded(): void {
    if (this.#up || this.#stopped) return;
    this.#up = true;
    if (this.#saidDown) this.#logger.info({ redis: this.#address }, `${this.#what}: Redis is reachable again; sharing state with the other instances`);
    this.#saidDown = false;
  }

  failed(error: Error | undefined): void {
    this.#up = false;
    if (this.#saidDown || this.#stopped) return;
    this.#saidDown = true;
    const cause = error === undefined ? 'connection closed' : describe(error);
    this.#logger.warn(
      { redis: this.#address, cause },
      `${this.#what}: Redis is unreachable (${cause}); routing on this instance's own state until it is back`,
    );
  }
}

/** The error's code or first words: never a URL (which may hold a password). */
function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return code;
  return error.message.replace(/\S+:\/\/\S+/g, '[url]').slice(0, 120);
}
