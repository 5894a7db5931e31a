import { createRedactor, GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { SigV4Signer } from '../sigv4/sigv4-signer.js';
import { describeTransportError, requestCredentials } from './credential-http.js';
import type { AwsCredentials, CredentialProvider } from './credential-provider.js';
import { parseStsResponse } from './parse-sts-response.js';
import { RefreshingCredentials } from './refreshing-credentials.js';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const STS_TIMEOUT_MS = 10_000;
/** `sts.eu-west-1.amazonaws.com`, `sts-fips.us-east-1.amazonaws.com`, `vpce-….sts.eu-west-1.vpce.amazonaws.com`: the region signed for. */
const REGIONAL_HOST = /(?:^|\.)sts(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|vpce\.amazonaws\.com)$/;

/** Where STS is asked, and the region its signature is for. */
export interface StsEndpoint {
  readonly url: URL;
  readonly region: string;
}

/** `aws_sts_endpoint` (LiteLLM's), else the regional endpoint; signed for the region its host names (us-east-1 for the global one), else the deployment's. */
export function stsEndpoint(configured: string | undefined, region: string, configPath: string): StsEndpoint {
  const value = configured ?? `https://sts.${region}.amazonaws.com`;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '') {
    throw new GatewayError('invalid_config', `Invalid config: ${configPath}.litellm_params.aws_sts_endpoint must be an http:// or https:// URL without a query.`);
  }
  // The global endpoint is us-east-1's.
  if (url.hostname === 'sts.amazonaws.com') return { url, region: 'us-east-1' };
  return { url, region: REGIONAL_HOST.exec(url.hostname)?.[1] ?? region };
}

interface RoleRequest {
  readonly endpoint: StsEndpoint;
  readonly dispatcher: Dispatcher;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string | undefined;
  readonly now?: () => number;
}

export interface AssumeRoleOptions extends RoleRequest {
  /** The credentials AssumeRole is signed with: the deployment's keys, a profile, or the ambient chain. */
  readonly base: CredentialProvider;
}

/**
 * STS AssumeRole (`Action=AssumeRole&Version=2011-06-15`, POSTed as a form and signed with SigV4
 * for service `sts` with the base credentials), cached and refreshed ahead of expiry.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export function assumeRoleCredentials(options: AssumeRoleOptions): RefreshingCredentials {
  const { endpoint } = options;
  const signer = new SigV4Signer({ host: endpoint.url.host, region: endpoint.region, service: 'sts', contentType: FORM });
  const body = form('AssumeRole', options, {});
  return new RefreshingCredentials({
    now: options.now,
    fetch: async () => {
      const base = await options.base.credentials();
      return callSts(options, 'AssumeRole', signer.sign(base, endpoint.url.pathname, body), body, [base.secretAccessKey, base.sessionToken]);
    },
  });
}

export interface WebIdentityOptions extends RoleRequest {
  /** The OIDC token: a literal, or read from AWS_WEB_IDENTITY_TOKEN_FILE on each refresh (tokens rotate). */
  readonly token: () => string | Promise<string>;
}

/**
 * STS AssumeRoleWithWebIdentity (unsigned: the OIDC token is the proof), cached and refreshed
 * ahead of expiry. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
export function webIdentityCredentials(options: WebIdentityOptions): RefreshingCredentials {
  return new RefreshingCredentials({
    now: options.now,
    fetch: async () => {
      const token = await options.token();
      const body = form('AssumeRoleWithWebIdentity', options, { WebIdentityToken: token });
      return callSts(options, 'AssumeRoleWithWebIdentity', { 'content-type': FORM }, body, [token]);
    },
  });
}

function form(action: string, options: RoleRequest, extra: Record<string, string>): string {
  return new URLSearchParams({
    Action: action,
    Version: '2011-06-15',
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName,
    ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
    ...extra,
  }).toString();
}

async function callSts(
  options: RoleRequest,
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity',
  headers: Readonly<Record<string, string>>,
  body: string,
  secrets: readonly (string | undefined)[],
): Promise<AwsCredentials> {
  const { url } = options.endpoint;
  const what = `${action} for role ${options.roleArn}`;
  let response;
  try {
    response = await requestCredentials({ dispatcher: options.dispatcher, url, method: 'POST', headers, body, timeoutMs: STS_TIMEOUT_MS });
  } catch (error) {
    throw new GatewayError('upstream_auth_failed', `Could not reach AWS STS at ${url.origin} (${describeTransportError(error)}) to call ${what}.`, { cause: error });
  }
  const answer = parseStsResponse(response.text, action);
  if (response.status === 200 && answer.kind === 'credentials') {
    if (answer.credentials.expiresAt! <= (options.now ?? Date.now)()) {
      throw new GatewayError('upstream_auth_failed', `AWS STS at ${url.origin} answered ${what} with credentials that have already expired: check the gateway's clock.`);
    }
    return answer.credentials;
  }
  // STS messages name principals and roles, not secrets; redacted by value all the same.
  const redactor = createRedactor({ secrets });
  const reason = answer.kind === 'error' ? ` (${redactor.text(answer.code).slice(0, 80)}: ${redactor.text(answer.message).slice(0, 300)})` : ', an answer without credentials';
  const hint = action === 'AssumeRole' ? 'Check litellm_params.aws_role_name and that the base credentials may call sts:AssumeRole on it.' : "Check the web identity token and the role's trust policy.";
  throw new GatewayError('upstream_auth_failed', `AWS STS at ${url.origin} refused ${what} with HTTP ${response.status}${reason}. ${hint}`);
}
