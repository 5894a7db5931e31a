import { testDeployment, type TestDeploymentOptions } from '@switchyard/core/testing';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { bedrock } from './bedrock-provider.js';
import { resolveBedrockTarget } from './bedrock-target.js';
import { embeddingSchema, toEmbeddingList, toInvokeBodies } from './bedrock-embeddings.js';

const origins: string[] = [];
const resolve = (upstreamModel: string, options: TestDeploymentOptions = {}, env: Record<string, string> = {}) =>
  resolveBedrockTarget(testDeployment({ provider: 'bedrock', upstreamModel, ...options }), {
    env,
    defaultRegion: undefined,
    dispatcherFor: (origin) => (origins.push(origin), {} as Dispatcher),
    maxResponseBytes: undefined,
  });
const keys = { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'secretEXAMPLE' };

describe('resolveBedrockTarget', () => {
  it('builds the regional runtime endpoint and the URL-encoded Converse paths', () => {
    const target = resolve('anthropic.claude-sonnet-4-5-20250929-v1:0', { extraParams: { ...keys, aws_region_name: 'eu-central-1' } });
    expect(target.origin).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
    expect(target.paths['chat.completions']).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(target.converseStreamPath).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream');
    expect(target.paths.embeddings).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke');
  });

  it("reads LiteLLM's route prefixes: converse/, invoke/ and a leading region", () => {
    expect(resolve('converse/us.amazon.nova-pro-v1:0', { extraParams: keys }).modelId).toBe('us.amazon.nova-pro-v1:0');
    expect(resolve('invoke/anthropic.claude-3-haiku-20240307-v1:0', { extraParams: keys }).modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    const regional = resolve('ap-northeast-1/converse/anthropic.claude-haiku-4-5-20251001-v1:0', { extraParams: keys });
    expect({ region: regional.region, modelId: regional.modelId }).toEqual({ region: 'ap-northeast-1', modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0' });
  });

  it('takes the region from aws_region_name, then an ARN, then AWS_REGION_NAME, AWS_REGION, AWS_DEFAULT_REGION, then us-west-2', () => {
    const arn = 'arn:aws:bedrock:ca-central-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect(resolve(arn, { extraParams: keys }, { AWS_REGION: 'us-east-2' }).region).toBe('ca-central-1');
    expect(resolve(arn, { extraParams: { ...keys, aws_region_name: 'eu-west-3' } }).region).toBe('eu-west-3');
    expect(resolve('m', { extraParams: keys }, { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'eu-north-1' }).region).toBe('us-east-2');
    expect(resolve('m', { extraParams: keys }, { AWS_DEFAULT_REGION: 'eu-north-1' }).region).toBe('eu-north-1');
    expect(resolve('m', { extraParams: keys }, { AWS_REGION_NAME: 'sa-east-1', AWS_REGION: 'us-east-2' }).region).toBe('sa-east-1');
    expect(resolve('m', { extraParams: keys }).region).toBe('us-west-2');
  });

  it('uses api_base or aws_bedrock_runtime_endpoint (a VPC endpoint) as the origin', () => {
    expect(resolve('m', { apiBase: 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com', extraParams: keys }).origin).toBe('https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com');
    expect(resolve('m', { extraParams: { ...keys, aws_bedrock_runtime_endpoint: 'https://bedrock.internal:8443' } }).origin).toBe('https://bedrock.internal:8443');
  });

  it('refuses half a key pair, a bad region and no credentials at all, naming what to set', () => {
    expect(() => resolve('m', { extraParams: { aws_access_key_id: 'AKIA' } })).toThrow(/aws_access_key_id without aws_secret_access_key/);
    expect(() => resolve('m', { extraParams: { ...keys, aws_region_name: 'mars' } })).toThrow(/not an AWS region name/);
    // Instance metadata is the chain's last resort: with it disabled, nothing is left.
    expect(() => resolve('m', {}, { AWS_EC2_METADATA_DISABLED: 'true' })).toThrow(expect.objectContaining({ code: 'missing_upstream_api_key', message: expect.stringMatching(/AWS_ACCESS_KEY_ID.*AWS_PROFILE.*AWS_WEB_IDENTITY_TOKEN_FILE/) }));
    expect(() => resolve('m', { extraParams: { aws_web_identity_token: 'eyJ.token.sig' } })).toThrow(/aws_web_identity_token needs aws_role_name/);
    expect(() => resolve('m', { extraParams: { aws_role_name: 'bedrock-caller', ...keys } })).toThrow(/aws_role_name must be a role ARN/);
    expect(() => resolve('m', { extraParams: { aws_role_name: 'arn:aws:iam::123456789012:role/r', aws_session_name: 'has space', ...keys } })).toThrow(/aws_session_name/);
    expect(() => resolve('m', { extraParams: { aws_role_name: 'arn:aws:iam::123456789012:role/r', aws_sts_endpoint: 'sts.example', ...keys } })).toThrow(/aws_sts_endpoint must be/);
  });

  it('prefers the deployment over the environment: api_key, its own keys, then AWS_BEARER_TOKEN_BEDROCK, then AWS_ACCESS_KEY_ID', async () => {
    const env = { AWS_BEARER_TOKEN_BEDROCK: 'env-bearer', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envsecret' };
    expect(await resolve('m', { apiKey: 'ABSK-own' }, env).signer.headers('/p', '{}')).toMatchObject({ authorization: 'Bearer ABSK-own' });
    expect((await resolve('m', { extraParams: keys }, env).signer.headers('/p', '{}')).authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\//);
    expect(await resolve('m', {}, env).signer.headers('/p', '{}')).toMatchObject({ authorization: 'Bearer env-bearer' });
    const { AWS_BEARER_TOKEN_BEDROCK: _bearer, ...keysOnly } = env;
    expect((await resolve('m', {}, { ...keysOnly, AWS_SESSION_TOKEN: 'tok' }).signer.headers('/p', '{}'))['x-amz-security-token']).toBe('tok');
  });

  it('signs static keys without a Promise: the hot path awaits nothing it does not have to', () => {
    const headers = resolve('m', { extraParams: keys }).signer.headers('/model/m%3A0/converse', '{}');
    expect(headers).not.toBeInstanceOf(Promise);
    expect(headers).toMatchObject({ host: 'bedrock-runtime.us-west-2.amazonaws.com', 'content-length': '2', 'content-type': 'application/json' });
  });

  it('refuses bad plugin options when the plugin is built', () => {
    expect(() => bedrock({ defaultRegion: 'nowhere' })).toThrow(/defaultRegion/);
    expect(() => bedrock({ connectionsPerOrigin: 0 })).toThrow(/connectionsPerOrigin/);
  });
});

describe('Bedrock embeddings', () => {
  it('knows Titan and Cohere by model id, through inference profiles too', () => {
    expect(['amazon.titan-embed-text-v2:0', 'amazon.titan-embed-text-v1', 'cohere.embed-english-v3', 'us.cohere.embed-v4:0', 'anthropic.claude-3'].map(embeddingSchema)).toEqual(['titan-v2', 'titan-v1', 'cohere-v3', 'cohere-v4', undefined]);
  });

  it('sends Cohere up to 96 texts per call with input_type, v4 with output_dimension', () => {
    const input = Array.from({ length: 100 }, (_, index) => `t${index}`);
    const bodies = toInvokeBodies({ input, input_type: 'search_query', dimensions: 512 }, 'cohere-v4');
    expect(bodies.map((body) => (body.texts as string[]).length)).toEqual([96, 4]);
    expect(bodies[0]).toMatchObject({ input_type: 'search_query', embedding_types: ['float'], output_dimension: 512 });
    expect(toInvokeBodies({ input: 'one' }, 'cohere-v3')).toEqual([{ texts: ['one'], input_type: 'search_document' }]);
  });

  it('reads both Cohere answer shapes and sums the token counts', () => {
    const list = toEmbeddingList(
      [
        { json: { embeddings: [[1, 2]], response_type: 'embeddings_floats' }, inputTokens: 5 },
        { json: { embeddings: { float: [[3, 4]] }, response_type: 'embeddings_by_type' }, inputTokens: 2 },
      ],
      'cohere-v3',
      'cohere.embed-english-v3',
      false,
      'm',
    );
    expect(list).toMatchObject({ data: [{ index: 0, embedding: [1, 2] }, { index: 1, embedding: [3, 4] }], usage: { prompt_tokens: 7 } });
  });

  it('refuses token arrays and an answer without vectors', () => {
    expect(() => toInvokeBodies({ input: [[1, 2, 3]] }, 'titan-v2')).toThrow(/non-empty text/);
    expect(() => toEmbeddingList([{ json: {}, inputTokens: 1 }], 'titan-v2', 'm', false, 'model "m"')).toThrow(/without embeddings/);
  });
});
