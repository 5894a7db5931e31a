import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError } from '@switchyard/core';
import type { AwsCredentials } from './credential-provider.js';
import { variable, type Environment } from './environment.js';

type Sections = Map<string, Map<string, string>>;

/** Profile settings that get credentials some other way than keys in the file: named, never followed. */
const INDIRECT_KEYS = ['role_arn', 'source_profile', 'credential_source', 'credential_process', 'web_identity_token_file', 'sso_session', 'sso_start_url'];

/** The shared files' paths: AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else `~/.aws/credentials` and `~/.aws/config` (home from HOME / USERPROFILE). */
export function sharedFilePaths(env: Environment): { readonly credentials: string | undefined; readonly config: string | undefined } {
  const home = variable(env, 'HOME') ?? variable(env, 'USERPROFILE');
  const path = (name: string, fallback: string) => {
    const value = variable(env, name);
    if (value === undefined) return home === undefined ? undefined : join(home, '.aws', fallback);
    return home !== undefined && (value === '~' || value.startsWith('~/')) ? join(home, value.slice(1)) : value;
  };
  return { credentials: path('AWS_SHARED_CREDENTIALS_FILE', 'credentials'), config: path('AWS_CONFIG_FILE', 'config') };
}

/** Whether a profile of that name is in either file (the chain takes `default` only when it is). */
export function hasProfile(env: Environment, name: string): boolean {
  return profileSettings(env, name) !== undefined;
}

/**
 * A profile's static keys (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`)
 * from the shared credentials file (`[name]`) and the config file (`[profile name]`, `[default]`),
 * the credentials file winning where both set a key, as the AWS SDKs merge them. Read once, when
 * the deployment is first used. A missing profile, half a key pair, or a profile that gets its
 * credentials some other way (role_arn, SSO, credential_process) is `invalid_config`, naming the
 * files and the profile — never a value.
 * https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
 */
export function profileCredentials(env: Environment, name: string, origin: string): AwsCredentials {
  const settings = profileSettings(env, name);
  const paths = sharedFilePaths(env);
  const list = [paths.credentials, paths.config].filter((file) => file !== undefined);
  const files = list.join(' and ') || 'no shared file';
  if (settings === undefined) {
    const where = list.length === 0 ? 'not found: HOME is not set, nor AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE' : `in neither ${list.join(' nor ')}`;
    throw new GatewayError('invalid_config', `${origin} names AWS profile "${name}", which is ${where}.`);
  }
  const accessKeyId = settings.get('aws_access_key_id');
  const secretAccessKey = settings.get('aws_secret_access_key');
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, sessionToken: settings.get('aws_session_token') || undefined };
  if (accessKeyId || secretAccessKey) {
    throw new GatewayError('invalid_config', `AWS profile "${name}" (${files}) sets ${accessKeyId ? 'aws_access_key_id' : 'aws_secret_access_key'} without ${accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id'}.`);
  }
  const indirect = INDIRECT_KEYS.filter((key) => settings.has(key));
  throw new GatewayError(
    'invalid_config',
    `AWS profile "${name}" (${files}) has no aws_access_key_id and aws_secret_access_key${indirect.length > 0 ? `: it uses ${indirect.join(', ')}, which Switchyard does not read` : ''}. Put keys in the profile, or set litellm_params.aws_role_name to assume a role.`,
  );
}

function profileSettings(env: Environment, name: string): Map<string, string> | undefined {
  const paths = sharedFilePaths(env);
  const config = readSections(paths.config);
  const credentials = readSections(paths.credentials);
  const fromConfig = config.get(`profile ${name}`) ?? (name === 'default' ? config.get('default') : undefined);
  const fromCredentials = credentials.get(name);
  if (fromConfig === undefined && fromCredentials === undefined) return undefined;
  return new Map([...(fromConfig ?? []), ...(fromCredentials ?? [])]);
}

/** A missing file is an empty one; an unreadable one is a config error. */
function readSections(path: string | undefined): Sections {
  if (path === undefined) return new Map();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    throw new GatewayError('invalid_config', `Could not read the AWS shared file ${path}: ${code ?? 'unreadable'}.`, { cause: error });
  }
  return parseIni(text);
}

/**
 * The AWS shared-file INI dialect: `[section]` headers (a trailing comment allowed), `key = value`
 * lines split at the first `=`, whole-line `#` / `;` comments; indented lines under a key with
 * no value are that key's sub-settings (`s3 =`) and are skipped. Keys are case-insensitive.
 */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  let inSubSettings = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^[\]]+)\]\s*(?:[#;].*)?$/.exec(trimmed);
    if (header !== null) {
      const name = header[1]!.trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      inSubSettings = false;
      continue;
    }
    const indented = line !== line.trimStart();
    if (indented && inSubSettings) continue;
    const equals = trimmed.indexOf('=');
    if (current === undefined || equals <= 0) continue;
    const value = trimmed.slice(equals + 1).trim();
    current.set(trimmed.slice(0, equals).trim().toLowerCase(), value);
    inSubSettings = value === '';
  }
  return sections;
}
