import type { AwsCredentials } from './credential-provider.js';
import { child, parseXml, type XmlElement } from './parse-xml.js';

/** What an STS answer held: a new set of credentials, or AWS's error. */
export type StsAnswer =
  | { readonly kind: 'credentials'; readonly credentials: AwsCredentials }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'unreadable' };

/**
 * An STS Query API answer: `<{Action}Response><{Action}Result><Credentials>` with
 * `AccessKeyId`, `SecretAccessKey`, `SessionToken` and `Expiration` (ISO 8601), or
 * `<ErrorResponse><Error><Code/><Message/>`.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export function parseStsResponse(text: string, action: 'AssumeRole' | 'AssumeRoleWithWebIdentity'): StsAnswer {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch {
    return { kind: 'unreadable' };
  }
  if (root.name === 'ErrorResponse' || root.name === 'Error') {
    const error = root.name === 'Error' ? root : child(root, 'Error');
    return { kind: 'error', code: child(error, 'Code')?.text.trim() ?? '', message: child(error, 'Message')?.text.trim() ?? '' };
  }
  if (root.name !== `${action}Response`) return { kind: 'unreadable' };
  const fields = child(child(root, `${action}Result`), 'Credentials');
  const accessKeyId = child(fields, 'AccessKeyId')?.text.trim();
  const secretAccessKey = child(fields, 'SecretAccessKey')?.text.trim();
  const sessionToken = child(fields, 'SessionToken')?.text.trim();
  const expiresAt = Date.parse(child(fields, 'Expiration')?.text.trim() ?? '');
  if (!accessKeyId || !secretAccessKey || !sessionToken || Number.isNaN(expiresAt)) return { kind: 'unreadable' };
  return { kind: 'credentials', credentials: { accessKeyId, secretAccessKey, sessionToken, expiresAt } };
}
