import { readFile } from 'node:fs/promises';
import { GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { describeTransportError, requestCredentials } from './credential-http.js';
import { variable, type Environment } from './environment.js';
import { parseMetadataCredentials } from './parse-metadata-credentials.js';
import { RefreshingCredentials } from './refreshing-credentials.js';

/** The ECS agent's address, for AWS_CONTAINER_CREDENTIALS_RELATIVE_URI. */
const ECS_ORIGIN = 'http://169.254.170.2';
const TIMEOUT_MS = 2_000;
/** Hosts a plain-http AWS_CONTAINER_CREDENTIALS_FULL_URI may name: loopback, the ECS agent, EKS Pod Identity. */
const HTTP_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|169\.254\.170\.2|169\.254\.170\.23|\[fd00:ec2::23\])$/;

/**
 * Where the container's credentials are served, from AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (ECS:
 * `http://169.254.170.2` + the path) or AWS_CONTAINER_CREDENTIALS_FULL_URI (EKS Pod Identity, and
 * anything else: https, or http to loopback or the AWS agents only, as the AWS SDKs allow); none
 * when neither is set.
 */
export function containerEndpoint(env: Environment): URL | undefined {
  const relative = variable(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  if (relative) return new URL(relative.startsWith('/') ? relative : `/${relative}`, ECS_ORIGIN);
  const full = variable(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  if (!full) return undefined;
  const url = URL.canParse(full) ? new URL(full) : undefined;
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && HTTP_HOSTS.test(url.hostname)))) {
    throw new GatewayError(
      'invalid_config',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI must be an https:// URL, or http:// to a loopback address or the ECS / EKS agent (169.254.170.2, 169.254.170.23).',
    );
  }
  return url;
}

export interface ContainerCredentialsOptions {
  readonly url: URL;
  readonly env: Environment;
  readonly dispatcher: Dispatcher;
  readonly now?: () => number;
}

/**
 * The container role's credentials (ECS task role, EKS Pod Identity), cached and refreshed ahead
 * of expiry. The `Authorization` token is read on each fetch — from
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS rotates it), else AWS_CONTAINER_AUTHORIZATION_TOKEN.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
 */
export function containerCredentials(options: ContainerCredentialsOptions): RefreshingCredentials {
  const { url } = options;
  const where = `the container credentials endpoint at ${url.origin}`;
  return new RefreshingCredentials({
    now: options.now,
    fetch: async () => {
      const token = await authorizationToken(options.env);
      let response;
      try {
        response = await requestCredentials({ dispatcher: options.dispatcher, url, method: 'GET', headers: token === undefined ? {} : { authorization: token }, timeoutMs: TIMEOUT_MS });
      } catch (error) {
        throw new GatewayError('upstream_auth_failed', `Could not reach ${where} (${describeTransportError(error)}), named by AWS_CONTAINER_CREDENTIALS_*_URI.`, { cause: error });
      }
      // The body is not quoted: it is credentials, or an agent's message about them.
      if (response.status !== 200) throw new GatewayError('upstream_auth_failed', `${capitalize(where)} answered HTTP ${response.status}: check the task or pod role and AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE).`);
      const credentials = parseMetadataCredentials(response.text);
      if (credentials === undefined) throw new GatewayError('upstream_auth_failed', `${capitalize(where)} answered without credentials the gateway could read.`);
      return credentials;
    },
  });
}

async function authorizationToken(env: Environment): Promise<string | undefined> {
  const file = variable(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  let token = variable(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  if (file) {
    try {
      token = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      throw new GatewayError('invalid_config', `Could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file}): ${(error as { code?: string }).code ?? 'unreadable'}.`, { cause: error });
    }
  }
  if (token === undefined || token === '') return undefined;
  if (/[\r\n]/.test(token)) throw new GatewayError('invalid_config', 'The container authorization token holds a line break: it cannot be sent as a header.');
  return token;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
