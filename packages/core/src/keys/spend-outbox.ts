import { randomBytes } from 'node:crypto';
import { appendFile, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import { recordFromJson, recordToJson } from '../stores/record-json.js';
import type { SpendRecord } from '../stores/spend-store.js';

export interface SpendOutboxOptions {
  /** The outbox folder; each gateway instance keeps its segments in a folder of its own below it. */
  readonly root: string;
  /** Most bytes on disk (all segments); over it new rows are dropped and the drops logged. */
  readonly maxBytes: number;
  /** Delivers one batch; rejects when the store cannot take it (it is retried, with backoff). */
  readonly deliver: (records: readonly SpendRecord[]) => Promise<unknown>;
  readonly logger: Logger;
  /** How often buffered rows go to disk (default 50 ms): the most a crash can lose. */
  readonly flushIntervalMs?: number;
  readonly batchSize?: number;
  /** Rows per segment file before a new one starts (default 2000). */
  readonly segmentRecords?: number;
}

/** Folders of outboxes open in this process: another gateway here must not adopt them. */
const OPEN_FOLDERS = new Set<string>();
/** Rows buffered in memory between disk writes, at most. */
const MAX_BUFFERED = 20_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * The bounded, durable local outbox between the request path and the spend store. `enqueue`
 * costs a JSON line in memory; every 50 ms the lines are appended to a segment file; a
 * delivery loop reads closed segments oldest first, writes them in batches (`writeSpend` is
 * idempotent by request id) and deletes a segment once all of it was written. While the store
 * is down, rows wait on disk (bounded by `maxBytes`), memory stays flat, and delivery resumes
 * with backoff; after a crash, the next start (of this or another instance on the same folder)
 * adopts the dead instance's segments, so every row arrives exactly once.
 */
export class SpendOutbox {
  readonly #options: SpendOutboxOptions;
  readonly #folder: string;
  readonly #batchSize: number;
  readonly #segmentRecords: number;
  #buffer: string[] = [];
  #segment = 0;
  #segmentRows = 0;
  /** Closed segments waiting for delivery, oldest first. */
  readonly #closed: string[] = [];
  #diskBytes = 0;
  /** Rows in each closed or open segment file, by path: what `pendingRows` adds up. */
  readonly #segmentRowCounts = new Map<string, number>();
  #diskRows = 0;
  #writing: Promise<void> = Promise.resolve();
  #delivering: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #backoffMs = 0;
  #healthy = true;
  #dropped = 0;
  #droppedLoggedAt = 0;
  #closedForGood = false;

  constructor(options: SpendOutboxOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#segmentRecords = options.segmentRecords ?? 2000;
    mkdirSync(options.root, { recursive: true });
    this.#folder = join(options.root, `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(this.#folder);
    writeFileSync(join(this.#folder, 'owner.json'), JSON.stringify({ pid: process.pid }));
    OPEN_FOLDERS.add(this.#folder);
    this.#adoptOrphans();
    this.#timer = setInterval(() => void this.#tick(), options.flushIntervalMs ?? 50);
    this.#timer.unref();
    if (this.#closed.length > 0) this.#startDelivery();
  }

  /** False after a delivery failed, until one succeeds: what fail-closed enforcement reads. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Rows not yet delivered: buffered, or on disk (approximate for adopted segments). */
  get backlogBytes(): number {
    return this.#diskBytes;
  }

  /** Rows not yet delivered: buffered in memory or waiting on disk (the `spend_outbox` queue depth). */
  get pendingRows(): number {
    return this.#buffer.length + this.#diskRows;
  }

  get dropped(): number {
    return this.#dropped;
  }

  enqueue(record: SpendRecord): void {
    if (this.#closedForGood) return;
    if (this.#buffer.length >= MAX_BUFFERED || this.#diskBytes > this.#options.maxBytes) {
      this.#drop();
      return;
    }
    this.#buffer.push(recordToJson(record));
  }

  /** Writes what is buffered to disk and delivers everything pending (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#writeBuffer(true);
    while (this.#closed.length > 0 || this.#delivering !== undefined) {
      this.#startDelivery();
      await this.#delivering;
      if (!this.#healthy) return;
    }
  }

  /** Stops the timer, puts the buffer on disk and delivers for at most `graceMs`; the rest waits on disk for the next start. */
  async close(graceMs = 2_000): Promise<void> {
    if (this.#closedForGood) return;
    clearInterval(this.#timer);
    await this.#writeBuffer(true);
    this.#closedForGood = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    OPEN_FOLDERS.delete(this.#folder);
    if (this.#closed.length === 0 && this.#delivering === undefined) await rm(this.#folder, { recursive: true, force: true });
  }

  async #tick(): Promise<void> {
    await this.#writeBuffer(this.#delivering === undefined);
    if (this.#closed.length > 0) this.#startDelivery();
  }

  /** Appends the buffer to the open segment; closes the segment when full, or when `rotate` and it holds rows. */
  #writeBuffer(rotate: boolean): Promise<void> {
    const step = async () => {
      const lines = this.#buffer;
      if (lines.length > 0) {
        this.#buffer = [];
        const text = `${lines.join('\n')}\n`;
        try {
          await appendFile(this.#segmentPath(this.#segment), text);
          this.#diskBytes += Buffer.byteLength(text);
          this.#segmentRows += lines.length;
          this.#countRows(this.#segmentPath(this.#segment), lines.length);
        } catch (error) {
          this.#options.logger.error({ err: (error as Error).message, rows: lines.length }, 'spend outbox: cannot write to disk; rows dropped');
          this.#dropped += lines.length;
        }
      }
      if (this.#segmentRows >= this.#segmentRecords || (rotate && this.#segmentRows > 0)) {
        this.#closed.push(this.#segmentPath(this.#segment));
        this.#segment++;
        this.#segmentRows = 0;
      }
    };
    this.#writing = this.#writing.then(step, step);
    return this.#writing;
  }

  #segmentPath(index: number): string {
    return join(this.#folder, `segment-${String(index).padStart(12, '0')}.jsonl`);
  }

  #startDelivery(): void {
    if (this.#delivering !== undefined) return;
    this.#delivering = this.#deliverAll().finally(() => (this.#delivering = undefined));
  }

  async #deliverAll(): Promise<void> {
    while (this.#closed.length > 0) {
      const path = this.#closed[0]!;
      const delivered = await this.#deliverSegment(path);
      if (!delivered) return;
      this.#closed.shift();
    }
  }

  /** Delivers one segment in batches; false when the store refused (the segment stays, retried later). */
  async #deliverSegment(path: string): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      this.#forgetRows(path);
      return true; // already gone
    }
    const records: SpendRecord[] = [];
    let malformed = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        records.push(recordFromJson<SpendRecord>(line));
      } catch {
        malformed++; // a line cut short by a crash mid-write
      }
    }
    if (malformed > 0) this.#options.logger.warn({ segment: path, malformed }, 'spend outbox: skipped lines cut short by a crash');
    for (let start = 0; start < records.length; start += this.#batchSize) {
      const batch = records.slice(start, start + this.#batchSize);
      for (;;) {
        try {
          await this.#options.deliver(batch);
          break;
        } catch (error) {
          if (this.#healthy) this.#options.logger.warn({ err: (error as Error).message, backlogBytes: this.#diskBytes }, 'spend store unreachable: spend rows wait in the outbox');
          this.#healthy = false;
          this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, this.#backoffMs * 2));
          if (this.#closedForGood) return false;
          await new Promise((resolve) => setTimeout(resolve, this.#backoffMs).unref());
        }
      }
      if (!this.#healthy) this.#options.logger.info({}, 'spend store reachable again: delivering the outbox');
      this.#healthy = true;
      this.#backoffMs = 0;
    }
    const size = Buffer.byteLength(text);
    await unlink(path).catch(() => undefined);
    this.#diskBytes = Math.max(0, this.#diskBytes - size);
    this.#forgetRows(path);
    return true;
  }

  #forgetRows(path: string): void {
    this.#diskRows -= this.#segmentRowCounts.get(path) ?? 0;
    this.#segmentRowCounts.delete(path);
  }

  #countRows(path: string, rows: number): void {
    this.#segmentRowCounts.set(path, (this.#segmentRowCounts.get(path) ?? 0) + rows);
    this.#diskRows += rows;
  }

  #drop(): void {
    this.#dropped++;
    const now = Date.now();
    if (now - this.#droppedLoggedAt < 10_000) return;
    this.#droppedLoggedAt = now;
    this.#options.logger.error({ dropped: this.#dropped, backlogBytes: this.#diskBytes, maxBytes: this.#options.maxBytes }, 'spend outbox full: spend rows dropped (general_settings.spend_outbox_max_mb)');
  }

  /** Takes over the segments of outboxes whose process is gone (a crash, or a gateway of this process that closed). */
  #adoptOrphans(): void {
    for (const name of readdirSync(this.#options.root)) {
      const folder = join(this.#options.root, name);
      if (folder === this.#folder || OPEN_FOLDERS.has(folder)) continue;
      let owner: number | undefined;
      try {
        owner = (JSON.parse(readFileSync(join(folder, 'owner.json'), 'utf8')) as { pid?: number }).pid;
      } catch {
        continue; // not an outbox folder, or one still being created
      }
      if (owner !== undefined && owner !== process.pid && processAlive(owner)) continue;
      void this.#adopt(folder);
    }
  }

  async #adopt(folder: string): Promise<void> {
    const segments = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.startsWith('segment-')).sort();
    for (const name of segments) {
      const target = join(this.#folder, `adopted-${name.slice('segment-'.length, -'.jsonl'.length)}-${randomBytes(3).toString('hex')}.jsonl`);
      try {
        await rename(join(folder, name), target);
        this.#diskBytes += (await stat(target)).size;
        this.#countRows(target, await countLines(target));
        this.#closed.unshift(target);
      } catch {
        // another instance adopted it first
      }
    }
    await rm(folder, { recursive: true, force: true });
    if (this.#closed.length > 0) this.#startDelivery();
  }
}

/** Rows in an adopted segment (one JSON line each; a line cut short by a crash counts too, until delivery skips it). */
async function countLines(path: string): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => '');
  let rows = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) rows++;
  return text.length > 0 && !text.endsWith('\n') ? rows + 1 : rows;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
