import { readFileSync } from 'node:fs';
import { GatewayError, type Deployment } from '@switchyard/core';
import type { ServiceAccount } from './google-token-source.js';

/**
 * `litellm_params.vertex_credentials` as LiteLLM takes it: the service-account JSON itself (a
 * string, or an object in YAML), or the path of the key file; else the file
 * GOOGLE_APPLICATION_CREDENTIALS names. Read once per deployment. Messages never show the
 * value: it holds the private key.
 */
export function readServiceAccount(deployment: Deployment, env: Readonly<Record<string, string | undefined>>): ServiceAccount {
  const where = `${deployment.configPath}.litellm_params.vertex_credentials`;
  let value: unknown = deployment.extraParams.vertex_credentials;
  if (typeof value === 'object' && value !== null && typeof (value as { reveal?: unknown }).reveal === 'function') value = (value as { reveal(): string }).reveal();
  if (value === undefined || value === '') {
    const file = env.GOOGLE_APPLICATION_CREDENTIALS;
    if (file === undefined || file === '') {
      throw new GatewayError('missing_upstream_api_key', `Deployment "${deployment.modelName}" (${deployment.configPath}) has no Vertex AI credentials: set ${where} (a service-account key, or its file), or GOOGLE_APPLICATION_CREDENTIALS before the gateway starts.`);
    }
    value = readKeyFile(file, 'GOOGLE_APPLICATION_CREDENTIALS');
  } else if (typeof value === 'string' && !value.trimStart().startsWith('{')) {
    value = readKeyFile(value, where);
  }
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new GatewayError('invalid_config', `Invalid config: ${where} is not valid JSON.`);
    }
  }
  const account = parsed as Partial<ServiceAccount> | null;
  if (typeof account?.client_email !== 'string' || typeof account.private_key !== 'string') {
    throw new GatewayError('invalid_config', `Invalid config: ${where} must be a service-account key (with client_email and private_key).`);
  }
  return {
    client_email: account.client_email,
    private_key: account.private_key,
    token_uri: typeof account.token_uri === 'string' ? account.token_uri : 'https://oauth2.googleapis.com/token',
    ...(typeof (account as { project_id?: unknown }).project_id === 'string' ? { project_id: (account as { project_id: string }).project_id } : {}),
  };
}

function readKeyFile(path: string, where: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new GatewayError('invalid_config', `Invalid config: ${where} names a key file that cannot be read.`);
  }
}
