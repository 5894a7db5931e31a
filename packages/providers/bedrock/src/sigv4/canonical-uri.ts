/**
 * The canonical URI of a SigV4 request for every AWS service but S3, as `aws4` (and AWS's own
 * SDKs) compute it: characters outside RFC 3986's set are encoded first, runs of `/` collapse,
 * `.` and `..` segments are resolved, and each segment is URI-encoded once more — the path is
 * already encoded on the wire, so Bedrock's `model/anthropic.claude-…-v1%3A0` is signed as
 * `…-v1%253A0`. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 *
 * Paths here never carry a query (an `api_base` with one is refused), so none is canonicalized.
 */
export function canonicalUri(path: string): string {
  if (path.includes('?')) throw new Error('canonicalUri: a path with a query string is not supported');
  let value = path === '' ? '/' : path;
  // Characters an HTTP client would encode anyway are encoded now, once, as aws4 does.
  if (/[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/.test(value)) value = encodeURI(decodeURI(value));
  if (value === '/') return value;
  const segments: string[] = [];
  for (const segment of value.replace(/\/{2,}/g, '/').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.') segments.push(encodeSegment(segment));
  }
  const joined = segments.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** RFC 3986: every byte but the unreserved characters as %XX, upper case (encodeURIComponent leaves `!'()*`). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
