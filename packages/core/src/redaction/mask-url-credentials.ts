import type { Redactor } from './create-redactor.js';

/** What a masked URL part shows: valid inside a URL, unlike `[redacted]`. */
const MASK = '***';

/** Query parameters that carry credentials by name (Azure SAS `sig`, `api_key`, `token`, …). */
const CREDENTIAL_PARAM = /key|token|secret|passw|sig|auth|credential|session|code/i;

/**
 * The credentials a URL carries: its user-info and the values of credential-named query
 * parameters (`?key=…`, `?sig=…`). An api_base's are sent with every request, so an upstream can
 * echo them like a key: the redactors know them too.
 */
export function urlSecrets(value: string | undefined): string[] {
  if (value === undefined || !URL.canParse(value)) return [];
  const url = new URL(value);
  const secrets = [url.username, url.password, safeDecode(url.username), safeDecode(url.password)];
  for (const [name, parameter] of url.searchParams) if (CREDENTIAL_PARAM.test(name)) secrets.push(parameter);
  return [...new Set(secrets)].filter((secret) => secret !== '');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A URL fit to show (`GET /model/info`): user-info masked (`https://***:***@host/…`), query
 * values masked when the parameter's name says credential or the value looks like a key
 * (`api-version=2024-10-21` stays), and any key-shaped token elsewhere redacted. A value that
 * is not a URL is redacted as text.
 */
export function maskUrlCredentials(value: string, redactor: Redactor): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return redactor.text(value);
  }
  const userInfo = url.username === '' && url.password === '' ? '' : url.password === '' ? `${MASK}@` : `${MASK}:${MASK}@`;
  const query: string[] = [];
  for (const [name, parameter] of url.searchParams) {
    const masked = CREDENTIAL_PARAM.test(name) || redactor.text(parameter) !== parameter;
    query.push(`${encodeURIComponent(redactor.text(name))}=${masked ? MASK : encodeURIComponent(parameter)}`);
  }
  const search = query.length === 0 ? '' : `?${query.join('&')}`;
  // A fragment never reaches a server; it is masked rather than guessed about.
  const hash = url.hash === '' ? '' : `#${MASK}`;
  return `${url.protocol}//${userInfo}${url.host}${redactor.text(url.pathname)}${search}${hash}`;
}
