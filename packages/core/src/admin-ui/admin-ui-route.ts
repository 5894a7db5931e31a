import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import { bytesResponse, type BytesResponse } from '../http/gateway-response.js';
import type { Route } from '../routes/route.js';
import type { StaticFile, StaticFiles } from './static-files.js';

/**
 * The admin UI's pages may run only their own scripts and talk only to this origin: an injected
 * string (a model name, a key alias) can never load code or send a key elsewhere.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * `GET /ui/…`: the admin UI's files, public like `/health` (the pages hold no data; every call
 * they make goes through the management API with the key the user typed). Hashed assets are
 * cached for a year, index.html is revalidated every time (ETag, 304). A path without a file
 * extension that names no file gets index.html, so a reload on a client-side route still works;
 * a missing asset is the gateway's JSON 404, never a page.
 */
export function createAdminUiRoute(files: StaticFiles): Route {
  const index = files.get('index.html')!;
  return {
    name: 'admin.ui',
    method: 'GET',
    paths: ['/ui', '/ui/*'],
    public: true,
    handle: (context) => {
      const { request } = context;
      const below = request.path.replace(/^(?:\/v1)?\/ui/, '');
      // `/llm/ui` → `/llm/ui/`, so the page's relative asset URLs resolve under ui/.
      if (below === '') return bytesResponse(308, Buffer.alloc(0), { location: 'ui/', 'cache-control': 'no-cache' });
      const name = fileName(below.slice(1));
      const file = name === '' ? index : (files.get(name) ?? (hasExtension(name) ? undefined : index));
      if (file === undefined) throw new GatewayError('not_found', `The admin UI has no file ${clip(name)}.`);
      return serve(file, { ifNoneMatch: context.header('if-none-match'), acceptEncoding: context.header('accept-encoding') });
    },
  };
}

function serve(file: StaticFile, request: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined }): BytesResponse {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: file.etag,
  };
  if (file.gzipped !== undefined) headers.vary = 'accept-encoding';
  if (request.ifNoneMatch !== undefined && request.ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag || tag.trim() === `W/${file.etag}`)) {
    return bytesResponse(304, Buffer.alloc(0), headers);
  }
  if (file.gzipped !== undefined && acceptsGzip(request.acceptEncoding)) {
    headers['content-encoding'] = 'gzip';
    return bytesResponse(200, file.gzipped, headers);
  }
  return bytesResponse(200, file.body, headers);
}

/** `gzip` listed without `q=0` (browsers always list it). */
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
  });
}

/**
 * The file a request names, segment by segment decoded. A segment that decodes to `.`, `..`, or
 * holds a slash, a backslash or a NUL is refused outright (a JSON 404): files are served from an
 * in-memory table, so such a path could never reach the disk, but it is never a real UI file either.
 */
function fileName(raw: string): string {
  const segments = raw.split('/').filter((segment) => segment !== '');
  const decoded = segments.map((segment) => {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      throw new GatewayError('not_found', `The admin UI has no file ${clip(raw)}.`);
    }
    if (value === '.' || value === '..' || /[/\\\0]/.test(value)) {
      throw new GatewayError('not_found', `The admin UI serves no path with ${clip(value)} in it.`);
    }
    return value;
  });
  return decoded.join('/');
}

function hasExtension(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.includes('.');
}
