// Where Bedrock deployments get their AWS credentials, end to end over loopback: the openai SDK
// calls the standalone proxy, which takes credentials from a shared profile file, STS
// (AssumeRole signed with base credentials, AssumeRoleWithWebIdentity), the container
// credentials endpoint or EC2 instance metadata — each a real HTTP fake on 127.0.0.1 — and the
// fake Bedrock recomputes every signature with the credentials those fakes issued.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bedrock } from '@switchyard/provider-bedrock';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAwsMetadata } from './support/fake-aws-metadata.js';
import { FakeBedrock, sendConverse, type BedrockRequest } from './support/fake-bedrock.js';
import { FakeSts } from './support/fake-sts.js';
import { startStandaloneHost, type Host } from './support/hosts.js';

const BASE = { accessKeyId: 'AKIABASEEXAMPLE00001', secretAccessKey: 'baseSecretEXAMPLE0123456789abcdefghijkl' };
const PROFILE = { accessKeyId: 'ASIAPROFILEEXAMPLE01', secretAccessKey: 'profileSecretEXAMPLE0123456789abcdefghi', sessionToken: 'profileSessionTokenEXAMPLE//abc==' };
const CONFIG_PROFILE = { accessKeyId: 'AKIACONFIGPROFILE001', secretAccessKey: 'configSecretEXAMPLE0123456789abcdefghijk' };
const MACHINE = { accessKeyId: 'ASIAMACHINEEXAMPLE01', secretAccessKey: 'machineSecretEXAMPLE0123456789abcdefghi', sessionToken: 'machineSessionTokenEXAMPLE//xyz==' };
const WEB_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Z3cifQ.c2lnbmF0dXJlRVhBTVBMRQ';
const ROLE = 'arn:aws:iam::123456789012:role/bedrock-caller';
const MODEL = 'bedrock/anthropic.claude-haiku-4-5-20251001-v1:0';

const known: Record<string, { secretAccessKey: string; sessionToken?: string }> = {};
let fakeBedrock: FakeBedrock;
let sts: FakeSts;
let metadata: FakeAwsMetadata;
let files: string;
let closedPort: number;
const hosts: Host[] = [];

beforeAll(async () => {
  for (const set of [BASE, PROFILE, CONFIG_PROFILE, MACHINE] as { accessKeyId: string; secretAccessKey: string; sessionToken?: string }[]) {
    known[set.accessKeyId] = { secretAccessKey: set.secretAccessKey, ...(set.sessionToken === undefined ? {} : { sessionToken: set.sessionToken }) };
  }
  fakeBedrock = await FakeBedrock.start(known);
  // STS knows the base keys and the machine's credentials as callers of AssumeRole.
  sts = await FakeSts.start({ baseCredentials: known, webTokens: [WEB_TOKEN], onIssue: (issued) => (known[issued.accessKeyId] = { secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken }) });
  metadata = await FakeAwsMetadata.start(MACHINE);
  files = mkdtempSync(join(tmpdir(), 'switchyard-bedrock-credentials-'));
  writeFileSync(join(files, 'credentials'), `[team]\naws_access_key_id = ${PROFILE.accessKeyId}\naws_secret_access_key = ${PROFILE.secretAccessKey}\naws_session_token = ${PROFILE.sessionToken}\n`);
  writeFileSync(join(files, 'config'), `[default]\nregion = us-east-1\n\n[profile ci]\naws_access_key_id = ${CONFIG_PROFILE.accessKeyId}\naws_secret_access_key = ${CONFIG_PROFILE.secretAccessKey}\n`);
  writeFileSync(join(files, 'web-identity-token'), `${WEB_TOKEN}\n`);
  writeFileSync(join(files, 'container-token'), metadata.containerToken);
  // A port nothing listens on: the instance-metadata address of a machine that is not on EC2.
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await Promise.all([fakeBedrock?.close(), sts?.close(), metadata?.close()]);
});
beforeEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  fakeBedrock.requests.length = 0;
  sts.calls.length = 0;
  sts.refuse = undefined;
  metadata.requests.length = 0;
  fakeBedrock.handle((_request, response) => sendConverse(response, { output: { message: { role: 'assistant', content: [{ text: 'Signed.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 2 } }));
});

/** The standalone proxy with one Bedrock deployment (more when given), the plugin reading `env` as its environment. */
async function gateway(params: Record<string, unknown>, env: Record<string, string> = {}, configEnv: Record<string, string> = {}, deployments = 1): Promise<OpenAI> {
  const pluginEnv = { AWS_SHARED_CREDENTIALS_FILE: join(files, 'none'), AWS_CONFIG_FILE: join(files, 'none'), AWS_EC2_METADATA_DISABLED: 'true', ...env };
  const model_list = Array.from({ length: deployments }, (_, index) => ({ model_name: `claude${index === 0 ? '' : index}`, litellm_params: { model: MODEL, aws_region_name: 'us-east-1', api_base: fakeBedrock.url, ...params } }));
  const host = await startStandaloneHost({ config: { model_list }, env: configEnv, providers: [bedrock({ env: pluginEnv })] });
  hosts.push(host);
  return new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'unused', maxRetries: 0 });
}

const chat = (client: OpenAI, model = 'claude') => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
const failure = (client: OpenAI) => chat(client).then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);

function expectSignedBy(request: BedrockRequest | undefined, accessKeyId: string, sessionToken: string | undefined): void {
  expect(request?.signature).toEqual({ ok: true, accessKeyId, region: 'us-east-1', service: 'bedrock' });
  expect(request?.headers['x-amz-security-token']).toBe(sessionToken);
}

describe('Bedrock credentials from a shared profile', () => {
  it('signs with aws_profile_name from the credentials file, session token included', async () => {
    const client = await gateway({ aws_profile_name: 'team' }, { AWS_SHARED_CREDENTIALS_FILE: join(files, 'credentials') });
    expect((await chat(client)).choices[0]?.message.content).toBe('Signed.');
    expectSignedBy(fakeBedrock.requests[0], PROFILE.accessKeyId, PROFILE.sessionToken);
  });

  it('signs with AWS_PROFILE from a [profile …] section of the config file', async () => {
    const client = await gateway({}, { AWS_PROFILE: 'ci', AWS_CONFIG_FILE: join(files, 'config') });
    await chat(client);
    expectSignedBy(fakeBedrock.requests[0], CONFIG_PROFILE.accessKeyId, undefined);
  });

  it('refuses a missing profile naming the files and the profile, without a secret, and never calls Bedrock', async () => {
    const client = await gateway({ aws_profile_name: 'nope' }, { AWS_SHARED_CREDENTIALS_FILE: join(files, 'credentials'), AWS_CONFIG_FILE: join(files, 'config') });
    const error = await failure(client);
    expect(error?.status).toBe(500);
    expect(error?.code).toBe('invalid_config');
    expect(error?.message).toContain(`AWS profile "nope", which is in neither ${join(files, 'credentials')} nor ${join(files, 'config')}`);
    expect(JSON.stringify(error?.error)).not.toContain('Secret');
    expect(fakeBedrock.requests).toHaveLength(0);
  });
});

describe('Bedrock credentials from STS AssumeRole', () => {
  it('assumes aws_role_name with the deployment keys (signed for sts), once for concurrent requests, and signs Bedrock with the role', async () => {
    const client = await gateway({ aws_access_key_id: BASE.accessKeyId, aws_secret_access_key: BASE.secretAccessKey, aws_role_name: ROLE, aws_session_name: 'analytics', aws_external_id: 'ext-42', aws_sts_endpoint: sts.url });
    await Promise.all(Array.from({ length: 5 }, () => chat(client)));
    await chat(client);
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]).toEqual({
      form: { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'analytics', ExternalId: 'ext-42' },
      // 127.0.0.1 names no region: signed for the deployment's.
      signature: { ok: true, accessKeyId: BASE.accessKeyId, region: 'us-east-1', service: 'sts' },
    });
    const issued = Object.keys(known).filter((id) => id.startsWith('ASIAFAKESTS')).at(-1)!;
    expect(fakeBedrock.requests).toHaveLength(6);
    for (const request of fakeBedrock.requests) expectSignedBy(request, issued, known[issued]?.sessionToken);
  });

  it('assumes the role with the machine credentials (instance metadata) when the deployment has no keys of its own', async () => {
    const client = await gateway({ aws_role_name: ROLE, aws_sts_endpoint: sts.url }, { AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: metadata.url });
    await chat(client);
    expect(sts.calls[0]?.signature).toEqual({ ok: true, accessKeyId: MACHINE.accessKeyId, region: 'us-east-1', service: 'sts' });
    expect(sts.calls[0]?.form.RoleSessionName).toBe('switchyard');
    expect(fakeBedrock.requests[0]?.signature).toMatchObject({ ok: true, accessKeyId: expect.stringMatching(/^ASIAFAKESTS/) });
  });

  it("answers STS's refusal as a 502 naming the role and AWS's reason, without a secret, and asks again on the next request", async () => {
    sts.refuse = { status: 403, code: 'AccessDenied', message: `User: arn:aws:iam::123456789012:user/gw is not authorized to perform: sts:AssumeRole on resource: ${ROLE}` };
    const client = await gateway({ aws_access_key_id: BASE.accessKeyId, aws_secret_access_key: BASE.secretAccessKey, aws_role_name: ROLE, aws_sts_endpoint: sts.url });
    const error = await failure(client);
    expect(error?.status).toBe(502);
    expect(error?.code).toBe('upstream_auth_failed');
    expect(error?.message).toContain(`refused AssumeRole for role ${ROLE} with HTTP 403 (AccessDenied: User: arn:aws:iam::123456789012:user/gw is not authorized`);
    expect(JSON.stringify(error?.error)).not.toContain(BASE.secretAccessKey);
    expect(fakeBedrock.requests).toHaveLength(0);
    sts.refuse = undefined;
    expect((await chat(client)).choices[0]?.message.content).toBe('Signed.');
    expect(sts.calls).toHaveLength(2);
  });

  it('answers an STS that cannot be reached as a 502 saying so', async () => {
    const client = await gateway({ aws_access_key_id: BASE.accessKeyId, aws_secret_access_key: BASE.secretAccessKey, aws_role_name: ROLE, aws_sts_endpoint: `http://127.0.0.1:${closedPort}` });
    const error = await failure(client);
    expect(error?.status).toBe(502);
    expect(error?.message).toContain(`Could not reach AWS STS at http://127.0.0.1:${closedPort} (ECONNREFUSED) to call AssumeRole for role ${ROLE}.`);
  });
});

describe('Bedrock credentials from a web identity', () => {
  it('exchanges aws_web_identity_token (an os.environ/ reference) for the role, unsigned, and signs Bedrock with it', async () => {
    const client = await gateway({ aws_web_identity_token: 'os.environ/OIDC_TOKEN', aws_role_name: ROLE, aws_session_name: 'oidc-session', aws_sts_endpoint: sts.url }, {}, { OIDC_TOKEN: WEB_TOKEN });
    await chat(client);
    expect(sts.calls).toEqual([{ form: { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'oidc-session', WebIdentityToken: WEB_TOKEN }, signature: undefined }]);
    expect(fakeBedrock.requests[0]?.signature).toMatchObject({ ok: true, accessKeyId: expect.stringMatching(/^ASIAFAKESTS/) });
  });

  it('reads AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (EKS IRSA), before a profile and instance metadata', async () => {
    const client = await gateway(
      { aws_sts_endpoint: sts.url },
      { AWS_WEB_IDENTITY_TOKEN_FILE: join(files, 'web-identity-token'), AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: 'irsa', AWS_PROFILE: 'ci', AWS_CONFIG_FILE: join(files, 'config'), AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: metadata.url },
    );
    await chat(client);
    expect(sts.calls[0]?.form).toMatchObject({ Action: 'AssumeRoleWithWebIdentity', RoleArn: ROLE, RoleSessionName: 'irsa', WebIdentityToken: WEB_TOKEN });
    expect(fakeBedrock.requests[0]?.signature).toMatchObject({ ok: true, accessKeyId: expect.stringMatching(/^ASIAFAKESTS/) });
    expect(metadata.requests).toHaveLength(0);
  });

  it('never shows the token when STS refuses it', async () => {
    const wrong = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3cm9uZyJ9.d3JvbmdTaWduYXR1cmVFWEFNUExF';
    sts.refuse = { status: 400, code: 'InvalidIdentityToken', message: `Token ${wrong} is not valid.` };
    const client = await gateway({ aws_web_identity_token: wrong, aws_role_name: ROLE, aws_sts_endpoint: sts.url });
    const error = await failure(client);
    expect(error?.status).toBe(502);
    expect(error?.message).toContain('InvalidIdentityToken');
    expect(JSON.stringify(error?.error)).not.toContain(wrong);
  });
});

describe('Bedrock credentials from the container and the EC2 instance', () => {
  it('fetches the container role from AWS_CONTAINER_CREDENTIALS_FULL_URI with the token file, before instance metadata', async () => {
    const client = await gateway(
      {},
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${metadata.url}/container/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(files, 'container-token'), AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: metadata.url },
    );
    await chat(client);
    expectSignedBy(fakeBedrock.requests[0], MACHINE.accessKeyId, MACHINE.sessionToken);
    expect(metadata.requests.map((request) => [request.method, request.path, request.headers.authorization])).toEqual([['GET', '/container/credentials', metadata.containerToken]]);
  });

  it('answers a container endpoint that refuses the token as a 502', async () => {
    const client = await gateway({}, { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${metadata.url}/container/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong-token' });
    const error = await failure(client);
    expect(error?.status).toBe(502);
    expect(error?.message).toContain(`The container credentials endpoint at ${metadata.url} answered HTTP 401`);
  });

  it('reads the instance role over IMDSv2, once for every deployment of the plugin', async () => {
    const client = await gateway({}, { AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: metadata.url }, {}, 2);
    await chat(client);
    await chat(client, 'claude1');
    for (const request of fakeBedrock.requests) expectSignedBy(request, MACHINE.accessKeyId, MACHINE.sessionToken);
    expect(metadata.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/',
      'GET /latest/meta-data/iam/security-credentials/bedrock-instance-role',
    ]);
    expect(metadata.requests[1]?.headers['x-aws-ec2-metadata-token']).toBe('imds-session-token-EXAMPLE');
  });

  it('prefers the environment keys over a profile and instance metadata', async () => {
    const client = await gateway({}, { AWS_ACCESS_KEY_ID: BASE.accessKeyId, AWS_SECRET_ACCESS_KEY: BASE.secretAccessKey, AWS_PROFILE: 'ci', AWS_CONFIG_FILE: join(files, 'config'), AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: metadata.url });
    await chat(client);
    expectSignedBy(fakeBedrock.requests[0], BASE.accessKeyId, undefined);
    expect(metadata.requests).toHaveLength(0);
  });

  it('fails fast off EC2 with "no AWS credentials", listing what to set', async () => {
    const client = await gateway({}, { AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${closedPort}` });
    const started = Date.now();
    const error = await failure(client);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error?.status).toBe(500);
    expect(error?.code).toBe('missing_upstream_api_key');
    expect((error?.error as { message?: string }).message).toMatch(/^No AWS credentials for Bedrock: .*did not answer \(ECONNREFUSED\).*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_BEARER_TOKEN_BEDROCK, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN/);
  });

  it('gives up on an instance-metadata address that never answers after a second', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    try {
      const client = await gateway({}, { AWS_EC2_METADATA_DISABLED: '', AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${(silent.address() as { port: number }).port}` });
      const started = Date.now();
      const error = await failure(client);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error?.message).toContain('no answer in time');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
