import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeOf } from './content-types.js';

export interface StaticFile {
  readonly body: Buffer;
  /** The body gzipped once at load, for text files where that saves something. */
  readonly gzipped: Buffer | undefined;
  readonly contentType: string;
  /** A strong validator: the first 16 bytes of the content's SHA-256, quoted. */
  readonly etag: string;
  /** Names with a content hash (`assets/index-3f2a1c.js`) never change: cache them for a year. */
  readonly immutable: boolean;
}

/** What a static-files route serves, by path relative to its folder (`index.html`, `assets/…`). */
export type StaticFiles = ReadonlyMap<string, StaticFile>;

/** A built front end is small (a few hundred kB); past this, something else was pointed at. */
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
const HASHED_NAME = /[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Reads every file under `directory` into memory once, when the gateway is built. Serving from
 * this table rather than from the disk means a request can only ever name a file that was in
 * the folder then: no path it sends (`..`, encoded slashes, symlinks) reaches the file system.
 * Returns undefined when the folder does not exist or holds no index.html (the UI not built).
 */
export function loadStaticFiles(directory: string): StaticFiles | undefined {
  const files = new Map<string, StaticFile>();
  let total = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      if (!entry.isFile() || statSync(path).size > MAX_TOTAL_BYTES) continue;
      const body = readFileSync(path);
      total += body.length;
      if (total > MAX_TOTAL_BYTES) throw new Error(`${directory} holds more than ${MAX_TOTAL_BYTES} bytes; is it a built front end?`);
      const name = relative(directory, path).split(sep).join('/');
      const contentType = contentTypeOf(name);
      const gzipped = COMPRESSIBLE.test(contentType) ? gzipSync(body, { level: 9 }) : undefined;
      files.set(name, {
        body,
        gzipped: gzipped !== undefined && gzipped.length < body.length * 0.9 ? gzipped : undefined,
        contentType,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        immutable: name.startsWith('assets/') && HASHED_NAME.test(name),
      });
    }
  };
  try {
    walk(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return files.has('index.html') ? files : undefined;
}
