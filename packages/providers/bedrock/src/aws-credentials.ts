import { GatewayError, type Deployment } from '@switchyard/core';
import { staticCredentials, type CredentialProvider } from './credentials/credential-provider.js';

/** How a deployment authenticates to Bedrock, decided once per deployment. */
export type BedrockAuth = { readonly kind: 'sigv4'; readonly credentials: CredentialProvider } | { readonly kind: 'bearer'; readonly token: string };

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The deployment's own settings first, then the environment:
 * 1. `api_key` — a Bedrock API key, sent as a bearer token;
 * 2. `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`) — SigV4;
 * 3. AWS_BEARER_TOKEN_BEDROCK — bearer;
 * 4. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) — SigV4.
 * Half a key pair is a config mistake and says so; no credentials at all is refused naming what to set.
 */
export function resolveBedrockAuth(deployment: Deployment, env: Environment): BedrockAuth {
  const params = deployment.extraParams;
  const apiKey = deployment.apiKey?.reveal();
  if (apiKey) return { kind: 'bearer', token: apiKey };
  const accessKeyId = reveal(params.aws_access_key_id);
  const secretAccessKey = reveal(params.aws_secret_access_key);
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      throw new GatewayError(
        'invalid_config',
        `Invalid config: ${deployment.configPath}.litellm_params sets ${accessKeyId === undefined ? 'aws_secret_access_key' : 'aws_access_key_id'} without ${accessKeyId === undefined ? 'aws_access_key_id' : 'aws_secret_access_key'}: Bedrock's SigV4 needs both.`,
      );
    }
    return sigv4(accessKeyId, secretAccessKey, reveal(params.aws_session_token));
  }
  const bearer = nonEmpty(env.AWS_BEARER_TOKEN_BEDROCK);
  if (bearer !== undefined) return { kind: 'bearer', token: bearer };
  const envKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const envSecret = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (envKeyId !== undefined && envSecret !== undefined) return sigv4(envKeyId, envSecret, nonEmpty(env.AWS_SESSION_TOKEN));
  throw new GatewayError(
    'missing_upstream_api_key',
    `Deployment "${deployment.modelName}" (${deployment.configPath}) has no AWS credentials: set litellm_params.aws_access_key_id and aws_secret_access_key, or api_key (a Bedrock API key), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK) before the gateway starts.`,
  );
}

/** The secrets an auth sends (to redact them from anything shown); the access key id is not secret but is kept out too. */
export function authSecrets(auth: BedrockAuth): string[] {
  if (auth.kind === 'bearer') return [auth.token];
  const current = auth.credentials.current;
  return current === undefined ? [] : [current.secretAccessKey, ...(current.sessionToken === undefined ? [] : [current.sessionToken])];
}

function sigv4(accessKeyId: string, secretAccessKey: string, sessionToken: string | undefined): BedrockAuth {
  return { kind: 'sigv4', credentials: staticCredentials({ accessKeyId, secretAccessKey, sessionToken }) };
}

/** A config value as text: literals, resolved `os.environ/` references (Secrets); an unset reference is no value. */
export function reveal(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' || value.startsWith('os.environ/') ? undefined : value;
  if (typeof value === 'object' && value !== null && typeof (value as { reveal?: unknown }).reveal === 'function') {
    return nonEmpty((value as { reveal(): string }).reveal());
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
