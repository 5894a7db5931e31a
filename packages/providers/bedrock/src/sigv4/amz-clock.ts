/**
 * The `x-amz-date` of the current second (`20250929T101530Z`) and its day (`20250929`),
 * formatted once per second rather than once per request.
 */
export class AmzClock {
  /** The formatted second, in ms since the epoch. */
  #second = Number.NaN;
  #amzDate = '';
  #day = '';
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Moves to the current second; call once per signature, then read `amzDate` and `day`. */
  tick(): void {
    const now = this.#now();
    const second = now - (now % 1000);
    if (second === this.#second) return;
    this.#second = second;
    // 2025-09-29T10:15:30.000Z
    const iso = new Date(second).toISOString();
    this.#day = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
    this.#amzDate = `${this.#day}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  }

  get amzDate(): string {
    return this.#amzDate;
  }

  get day(): string {
    return this.#day;
  }
}
