import { GatewayError, isGatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { describeTransportError, requestCredentials } from './credential-http.js';
import { variable, type Environment } from './environment.js';
import { parseMetadataCredentials } from './parse-metadata-credentials.js';
import { RefreshingCredentials } from './refreshing-credentials.js';

const DEFAULT_ENDPOINT = 'http://169.254.169.254';
/** Off EC2 the address answers nothing: the chain's last resort gives up this soon, as the AWS SDKs do. */
export const METADATA_TIMEOUT_MS = 1_000;
const TOKEN_TTL_SECONDS = '21600';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';

/** The instance metadata service: AWS_EC2_METADATA_SERVICE_ENDPOINT (an IPv6 endpoint, a test's fake), else 169.254.169.254; none when AWS_EC2_METADATA_DISABLED=true. */
export function metadataEndpoint(env: Environment): URL | undefined {
  if (variable(env, 'AWS_EC2_METADATA_DISABLED')?.toLowerCase() === 'true') return undefined;
  const value = variable(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT') ?? DEFAULT_ENDPOINT;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GatewayError('invalid_config', 'AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http:// or https:// URL.');
  }
  return url;
}

export interface InstanceMetadataOptions {
  readonly url: URL;
  readonly dispatcher: Dispatcher;
  /** The error when the service cannot be reached: no AWS credentials anywhere, saying what to set. */
  readonly unreachable: (reason: string) => GatewayError;
  readonly now?: () => number;
}

/**
 * The EC2 instance role's credentials over IMDSv2 — a session token (`PUT /latest/api/token`),
 * then the role's name and its credentials under `/latest/meta-data/iam/security-credentials/` —
 * cached and refreshed ahead of expiry. IMDSv1 (no token) is not used.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
export function instanceMetadataCredentials(options: InstanceMetadataOptions): RefreshingCredentials {
  const base = options.url.href.replace(/\/+$/, '');
  const where = `EC2 instance metadata at ${options.url.origin}`;
  const get = (path: string, headers: Record<string, string>, method: 'GET' | 'PUT' = 'GET') =>
    requestCredentials({ dispatcher: options.dispatcher, url: new URL(`${base}${path}`), method, headers, timeoutMs: METADATA_TIMEOUT_MS });
  return new RefreshingCredentials({
    now: options.now,
    fetch: async () => {
      let session;
      try {
        session = await get('/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS }, 'PUT');
      } catch (error) {
        throw options.unreachable(`${where} did not answer (${describeTransportError(error)})`);
      }
      if (session.status !== 200 || session.text === '') throw new GatewayError('upstream_auth_failed', `${where} refused an IMDSv2 session token with HTTP ${session.status}.`);
      const headers = { 'x-aws-ec2-metadata-token': session.text.trim() };
      try {
        const roles = await get(ROLE_PATH, headers);
        const role = roles.text.split('\n')[0]?.trim() ?? '';
        if (roles.status === 404 || (roles.status === 200 && role === '')) throw options.unreachable(`${where} says the instance has no IAM role attached`);
        if (roles.status !== 200) throw new GatewayError('upstream_auth_failed', `${where} answered HTTP ${roles.status} for the instance's role.`);
        const answer = await get(`${ROLE_PATH}${encodeURIComponent(role)}`, headers);
        const credentials = answer.status === 200 ? parseMetadataCredentials(answer.text) : undefined;
        if (credentials === undefined) throw new GatewayError('upstream_auth_failed', `${where} answered HTTP ${answer.status} without credentials the gateway could read for role ${role}.`);
        return credentials;
      } catch (error) {
        if (isGatewayError(error)) throw error;
        throw new GatewayError('upstream_auth_failed', `Could not read the instance's credentials from ${where} (${describeTransportError(error)}).`, { cause: error });
      }
    },
  });
}
