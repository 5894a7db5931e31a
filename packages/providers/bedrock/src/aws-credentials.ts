import { GatewayError, type Deployment } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { ambientCredentials, DEFAULT_SESSION_NAME, WHAT_TO_SET } from './credentials/ambient-credentials.js';
import { staticCredentials, type AwsCredentials, type CredentialProvider } from './credentials/credential-provider.js';
import { variable, type Environment } from './credentials/environment.js';
import { profileCredentials } from './credentials/shared-config-files.js';
import { assumeRoleCredentials, stsEndpoint, webIdentityCredentials } from './credentials/sts-credentials.js';

/** How a deployment authenticates to Bedrock, decided once per deployment. */
export type BedrockAuth =
  | {
      readonly kind: 'sigv4';
      readonly credentials: CredentialProvider;
      /** What the config itself holds that must never be shown: secrets, tokens (the fetched ones are the provider's). */
      readonly secrets: readonly (string | undefined)[];
    }
  | { readonly kind: 'bearer'; readonly token: string };

export interface AuthContext {
  readonly env: Environment;
  /** The deployment's region: STS is asked there unless aws_sts_endpoint says otherwise. */
  readonly region: string;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  /** Credential providers shared by the deployments of one plugin instance. */
  readonly shared: Map<string, CredentialProvider>;
}

/** RoleSessionName's alphabet and length (STS refuses anything else). */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * The deployment's own settings first (LiteLLM's names), then the machine's:
 * 1. `api_key` — a Bedrock API key, sent as a bearer token;
 * 2. `aws_web_identity_token` + `aws_role_name` — STS AssumeRoleWithWebIdentity;
 * 3. base credentials: `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`), else
 *    `aws_profile_name` (the shared credentials / config files), else — only under a role — the
 *    ambient chain (src/credentials/ambient-credentials.ts);
 * 4. `aws_role_name` (+ `aws_session_name`, `aws_external_id`, `aws_sts_endpoint`) — STS AssumeRole
 *    signed with those base credentials; without a role, the base credentials themselves;
 * 5. AWS_BEARER_TOKEN_BEDROCK — bearer;
 * 6. the ambient chain: environment keys, web identity, AWS_PROFILE / default profile, container,
 *    instance metadata.
 * Half a key pair, a missing profile, a web identity token without a role are `invalid_config`; no
 * credentials at all (instance metadata disabled) is `missing_upstream_api_key`, naming what to set.
 */
export function resolveBedrockAuth(deployment: Deployment, context: AuthContext): BedrockAuth {
  const params = deployment.extraParams;
  const where = `${deployment.configPath}.litellm_params`;
  const apiKey = deployment.apiKey?.reveal();
  if (apiKey) return { kind: 'bearer', token: apiKey };
  const keys = explicitKeys(params, where);
  const roleArn = reveal(params.aws_role_name);
  const webToken = reveal(params.aws_web_identity_token);
  const profile = reveal(params.aws_profile_name);
  const secrets = [keys?.secretAccessKey, keys?.sessionToken, webToken];
  const sts = () => stsEndpoint(reveal(params.aws_sts_endpoint), context.region, deployment.configPath);
  const role = () => {
    const endpoint = sts();
    return { endpoint, dispatcher: context.dispatcherFor(endpoint.url.origin), roleArn: checkedRole(roleArn, where), sessionName: sessionName(params, where), externalId: reveal(params.aws_external_id) };
  };
  const ambient = () => ambientCredentials({ env: context.env, dispatcherFor: context.dispatcherFor, shared: context.shared, stsEndpoint: sts });

  if (webToken !== undefined) {
    if (roleArn === undefined) throw new GatewayError('invalid_config', `Invalid config: ${where}.aws_web_identity_token needs aws_role_name, the role to assume with it.`);
    return { kind: 'sigv4', credentials: webIdentityCredentials({ ...role(), token: () => webToken }), secrets };
  }
  const base = keys !== undefined ? staticCredentials(keys) : profile !== undefined ? staticCredentials(profileCredentials(context.env, profile, `${where}.aws_profile_name`)) : undefined;
  if (roleArn !== undefined) {
    const source = base ?? ambient();
    if (source === undefined) throw missing(deployment, context.env, ` to assume ${roleArn} with`);
    return { kind: 'sigv4', credentials: assumeRoleCredentials({ ...role(), base: source }), secrets };
  }
  if (base !== undefined) return { kind: 'sigv4', credentials: base, secrets };
  const bearer = variable(context.env, 'AWS_BEARER_TOKEN_BEDROCK');
  if (bearer !== undefined) return { kind: 'bearer', token: bearer };
  const found = ambient();
  if (found === undefined) throw missing(deployment, context.env, '');
  return { kind: 'sigv4', credentials: found, secrets };
}

/** The secrets an auth holds from the config (to redact them from anything shown); fetched ones come from its provider. */
export function authSecrets(auth: BedrockAuth): readonly (string | undefined)[] {
  if (auth.kind === 'bearer') return [auth.token];
  const current = auth.credentials.current;
  return [...auth.secrets, current?.secretAccessKey, current?.sessionToken];
}

/** A config value as text: literals, resolved `os.environ/` references (Secrets); an unset reference is no value. */
export function reveal(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' || value.startsWith('os.environ/') ? undefined : value;
  if (typeof value === 'object' && value !== null && typeof (value as { reveal?: unknown }).reveal === 'function') {
    const text = (value as { reveal(): string }).reveal();
    return text === '' ? undefined : text;
  }
  return undefined;
}

function explicitKeys(params: Deployment['extraParams'], where: string): AwsCredentials | undefined {
  const accessKeyId = reveal(params.aws_access_key_id);
  const secretAccessKey = reveal(params.aws_secret_access_key);
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const [set, unset] = accessKeyId === undefined ? ['aws_secret_access_key', 'aws_access_key_id'] : ['aws_access_key_id', 'aws_secret_access_key'];
    throw new GatewayError('invalid_config', `Invalid config: ${where} sets ${set} without ${unset}: Bedrock's SigV4 needs both.`);
  }
  return { accessKeyId, secretAccessKey, sessionToken: reveal(params.aws_session_token) };
}

function checkedRole(roleArn: string | undefined, where: string): string {
  if (roleArn === undefined || !/^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/.test(roleArn)) {
    throw new GatewayError('invalid_config', `Invalid config: ${where}.aws_role_name must be a role ARN, such as arn:aws:iam::123456789012:role/bedrock-caller.`);
  }
  return roleArn;
}

function sessionName(params: Deployment['extraParams'], where: string): string {
  const name = reveal(params.aws_session_name) ?? DEFAULT_SESSION_NAME;
  if (!SESSION_NAME.test(name)) throw new GatewayError('invalid_config', `Invalid config: ${where}.aws_session_name must be 2–64 of letters, digits and +=,.@_-.`);
  return name;
}

/** Reached only with instance metadata switched off: the chain's last source. */
function missing(deployment: Deployment, env: Environment, purpose: string): GatewayError {
  const off = variable(env, 'AWS_EC2_METADATA_DISABLED') === undefined ? '' : ' (instance metadata is off: AWS_EC2_METADATA_DISABLED is set)';
  return new GatewayError('missing_upstream_api_key', `Deployment "${deployment.modelName}" (${deployment.configPath}) has no AWS credentials${purpose}${off}: ${WHAT_TO_SET}.`);
}
