import { readFile } from 'node:fs/promises';
import { GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { containerCredentials, containerEndpoint } from './container-credentials.js';
import { staticCredentials, type CredentialProvider } from './credential-provider.js';
import { variable, type Environment } from './environment.js';
import { instanceMetadataCredentials, metadataEndpoint, METADATA_TIMEOUT_MS } from './instance-metadata-credentials.js';
import { hasProfile, profileCredentials } from './shared-config-files.js';
import { webIdentityCredentials, type StsEndpoint } from './sts-credentials.js';

/** The role session name when the config and AWS_ROLE_SESSION_NAME name none (CloudTrail shows it). */
export const DEFAULT_SESSION_NAME = 'switchyard';

export interface AmbientContext {
  readonly env: Environment;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  /** Providers every deployment of one plugin instance shares (one instance-metadata fetch for all). */
  readonly shared: Map<string, CredentialProvider>;
  /** Where AWS_ROLE_ARN's web identity is exchanged: the deployment's STS endpoint. */
  readonly stsEndpoint: () => StsEndpoint;
}

/** What to set when no credentials are found anywhere: the end of every such error. */
export const WHAT_TO_SET =
  'set litellm_params.aws_access_key_id and aws_secret_access_key, api_key (a Bedrock API key), aws_profile_name or aws_role_name; ' +
  'or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_BEARER_TOKEN_BEDROCK, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, ' +
  'or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI before the gateway starts; or run it on EC2 with an instance role';

/**
 * The credentials of the machine the gateway runs on, when a deployment names none of its own —
 * the AWS SDKs' default chain, for the sources this plugin reads, first found:
 * 1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
 * 2. AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (EKS IRSA): AssumeRoleWithWebIdentity;
 * 3. AWS_PROFILE, else a `default` profile when the shared files have one;
 * 4. AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI (ECS task role, EKS Pod Identity);
 * 5. EC2 instance metadata (IMDSv2) unless AWS_EC2_METADATA_DISABLED=true, given up on after 1 s.
 * Undefined when none applies (instance metadata disabled): the caller refuses the deployment.
 */
export function ambientCredentials(context: AmbientContext): CredentialProvider | undefined {
  const { env, shared } = context;
  const keyId = variable(env, 'AWS_ACCESS_KEY_ID');
  const secret = variable(env, 'AWS_SECRET_ACCESS_KEY');
  if (keyId !== undefined && secret !== undefined) return staticCredentials({ accessKeyId: keyId, secretAccessKey: secret, sessionToken: variable(env, 'AWS_SESSION_TOKEN') });

  const tokenFile = variable(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
  const roleArn = variable(env, 'AWS_ROLE_ARN');
  if (tokenFile !== undefined && roleArn !== undefined) {
    const endpoint = context.stsEndpoint();
    return memo(shared, `web-identity ${endpoint.url.href} ${roleArn}`, () =>
      webIdentityCredentials({
        endpoint,
        dispatcher: context.dispatcherFor(endpoint.url.origin),
        roleArn,
        sessionName: variable(env, 'AWS_ROLE_SESSION_NAME') ?? DEFAULT_SESSION_NAME,
        token: () => readTokenFile(tokenFile),
      }),
    );
  }

  const profile = variable(env, 'AWS_PROFILE');
  if (profile !== undefined) return staticCredentials(profileCredentials(env, profile, 'AWS_PROFILE'));
  if (hasProfile(env, 'default')) return staticCredentials(profileCredentials(env, 'default', 'The default profile'));

  const container = containerEndpoint(env);
  if (container !== undefined) {
    return memo(shared, `container ${container.href}`, () => containerCredentials({ url: container, env, dispatcher: context.dispatcherFor(container.origin) }));
  }

  const metadata = metadataEndpoint(env);
  if (metadata === undefined) return undefined;
  return memo(shared, `instance-metadata ${metadata.href}`, () =>
    instanceMetadataCredentials({
      url: metadata,
      dispatcher: context.dispatcherFor(metadata.origin),
      unreachable: (reason) =>
        new GatewayError(
          'missing_upstream_api_key',
          `No AWS credentials for Bedrock: none in the deployment or the environment, and ${reason} (instance metadata is tried last, for ${METADATA_TIMEOUT_MS / 1000} s). To fix it, ${WHAT_TO_SET}. AWS_EC2_METADATA_DISABLED=true skips instance metadata.`,
        ),
    }),
  );
}

function memo(shared: Map<string, CredentialProvider>, key: string, create: () => CredentialProvider): CredentialProvider {
  let provider = shared.get(key);
  if (provider === undefined) {
    provider = create();
    shared.set(key, provider);
  }
  return provider;
}

/** Read on each exchange: Kubernetes rotates projected service-account tokens. */
async function readTokenFile(path: string): Promise<string> {
  try {
    const token = (await readFile(path, 'utf8')).trim();
    if (token !== '') return token;
  } catch (error) {
    throw new GatewayError('invalid_config', `Could not read AWS_WEB_IDENTITY_TOKEN_FILE (${path}): ${(error as { code?: string }).code ?? 'unreadable'}.`, { cause: error });
  }
  throw new GatewayError('invalid_config', `AWS_WEB_IDENTITY_TOKEN_FILE (${path}) is empty.`);
}
