import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasProfile, parseIni, profileCredentials, sharedFilePaths } from './shared-config-files.js';

const home = mkdtempSync(join(tmpdir(), 'switchyard-aws-'));
const credentialsFile = join(home, 'credentials');
const configFile = join(home, 'config');
writeFileSync(
  credentialsFile,
  `# written by aws configure
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE01
aws_secret_access_key = defaultSecretEXAMPLE0123456789abcdefghij

[team]
aws_access_key_id=ASIATEAMEXAMPLE00001
aws_secret_access_key=teamSecretEXAMPLE0123456789abcdefghijkl
aws_session_token = teamTokenEXAMPLE//+==
`,
);
writeFileSync(
  configFile,
  `[default]
region = eu-west-1

[profile team]
aws_access_key_id = AKIAOVERRIDDEN000001
region = us-east-1
s3 =
  max_concurrent_requests = 20

[profile from-config]   ; keys in the config file only
aws_access_key_id = AKIACONFIGEXAMPLE001
aws_secret_access_key = configSecretEXAMPLE0123456789abcdefghijk

[profile sso]
sso_session = corp
sso_account_id = 123456789012

[profile half]
aws_access_key_id = AKIAHALFEXAMPLE00001
`,
);
const env = { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };

describe('AWS shared credentials and config files', () => {
  it('reads static keys (and a session token), the credentials file winning over the config file', () => {
    expect(profileCredentials(env, 'team', 'aws_profile_name')).toEqual({ accessKeyId: 'ASIATEAMEXAMPLE00001', secretAccessKey: 'teamSecretEXAMPLE0123456789abcdefghijkl', sessionToken: 'teamTokenEXAMPLE//+==' });
    expect(profileCredentials(env, 'from-config', 'aws_profile_name')).toMatchObject({ accessKeyId: 'AKIACONFIGEXAMPLE001', sessionToken: undefined });
    expect(profileCredentials(env, 'default', 'AWS_PROFILE').accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  it('refuses a missing profile naming the files and the profile, and half a key pair or SSO without a secret in the message', () => {
    const attempt = () => profileCredentials(env, 'nope', 'config.yaml: model_list[0].litellm_params.aws_profile_name');
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(attempt).toThrow(`config.yaml: model_list[0].litellm_params.aws_profile_name names AWS profile "nope", which is in neither ${credentialsFile} nor ${configFile}.`);
    expect(() => profileCredentials(env, 'half', 'x')).toThrow(/sets aws_access_key_id without aws_secret_access_key/);
    expect(() => profileCredentials(env, 'sso', 'x')).toThrow(/it uses sso_session, which Switchyard does not read/);
    try {
      profileCredentials(env, 'nope', 'x');
    } catch (error) {
      expect(String((error as Error).message)).not.toMatch(/Secret|EXAMPLE/);
    }
  });

  it('defaults to ~/.aws under HOME, expands ~ in the variables, and has no files without a home', () => {
    expect(sharedFilePaths({ HOME: '/home/gw' })).toEqual({ credentials: '/home/gw/.aws/credentials', config: '/home/gw/.aws/config' });
    expect(sharedFilePaths({ HOME: '/home/gw', AWS_CONFIG_FILE: '~/aws/cfg' }).config).toBe('/home/gw/aws/cfg');
    expect(sharedFilePaths({})).toEqual({ credentials: undefined, config: undefined });
    expect(hasProfile({ HOME: join(home, 'missing') }, 'default')).toBe(false);
    expect(hasProfile(env, 'default')).toBe(true);
  });

  it('parses the INI dialect: comments, spacing, sub-settings, case-insensitive keys', () => {
    const sections = parseIni('; top\n[ profile  x ] # c\nAWS_Access_Key_Id=A=B\n  indented = kept\ns3 =\n  sub = skipped\nafter = kept\n');
    expect(Object.fromEntries(sections.get('profile x') ?? [])).toEqual({ aws_access_key_id: 'A=B', indented: 'kept', s3: '', after: 'kept' });
  });
});
