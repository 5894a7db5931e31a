// Issue 12, Vertex AI: the openai SDK through both mounts to a vertex_ai/ deployment on a fake
// upstream recording path and auth header; a service-account key whose RS256-signed JWT a
// fake Google token endpoint on loopback verifies before issuing a token; one exchange for
// many requests; the cost from the shipped vertex_ai/ data.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { gemini } from '@switchyard/provider-gemini';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelsConfig, postJson } from './support/model-config.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const CLIENT_EMAIL = 'gateway@proj-1.iam.gserviceaccount.com';
// gemini-2.5-flash on Vertex (vertex_ai/gemini-2.5-flash): input 3e-7, cached 3e-8, output and reasoning 2.5e-6.
const USAGE = { promptTokenCount: 1000, cachedContentTokenCount: 400, candidatesTokenCount: 100, thoughtsTokenCount: 50 };

interface Exchange {
  readonly path: string;
  readonly grantType: string | undefined;
  readonly claims: Record<string, unknown> | undefined;
  readonly verified: boolean;
}

/** A fake Google OAuth token endpoint: verifies the JWT bearer assertion's RS256 signature with the account's public key. */
async function startTokenEndpoint(exchanges: Exchange[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const [header = '', claims = '', signature = ''] = (form.get('assertion') ?? '').split('.');
      const verified = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
      let decoded: Record<string, unknown> | undefined;
      try {
        decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      exchanges.push({ path: request.url ?? '', grantType: form.get('grant_type') ?? undefined, claims: decoded, verified });
      response.writeHead(verified ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(verified ? { access_token: `ya29.token-${exchanges.length}`, expires_in: 3599, token_type: 'Bearer' } : { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(HOSTS)('Vertex AI through the %s host', (name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let tokens: { server: Server; url: string };
  const exchanges: Exchange[] = [];
  let host: Host;
  let client: OpenAI;
  const recorder = new CostRecorder();
  let count = 0;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    tokens = await startTokenEndpoint(exchanges);
    const origin = upstream.url.replace(/\/v1$/, '');
    const key = (privateKeyPem: string) => JSON.stringify({ type: 'service_account', project_id: 'proj-1', client_email: CLIENT_EMAIL, private_key: privateKeyPem, token_uri: `${tokens.url}/token` });
    const vertex = (modelName: string, credentials: string) => ({
      model_name: modelName,
      litellm_params: { model: 'vertex_ai/gemini-2.5-flash', api_base: origin, vertex_project: 'proj-1', vertex_location: 'europe-west4', vertex_credentials: credentials },
    });
    const embedder = (modelName: string, model: string) => ({ model_name: modelName, litellm_params: { ...vertex(modelName, key(privateKey)).litellm_params, model } });
    host = await startHost({
      config: modelsConfig([vertex('vertex-flash', key(privateKey)), vertex('vertex-wrong-key', key(otherKey)), embedder('vertex-embed', 'vertex_ai/text-embedding-005'), embedder('vertex-gemini-embed', 'vertex_ai/gemini-embedding-001')]),
      providers: [gemini()],
      onCost: recorder.listener,
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
    tokens.server.closeAllConnections();
    tokens.server.close();
  });
  beforeEach(() => upstream.reset());

  it('the regional path with project and location, a bearer token from a verified JWT exchange, one exchange for many requests', async () => {
    upstream.handle((request, response) => {
      if (request.path.endsWith('alt=sse')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }], usageMetadata: USAGE })}\n\n`);
      } else sendJson(response, 200, { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }], usageMetadata: USAGE });
      return true;
    });
    const id = `vertex-${name}-${++count}`;
    const first = await client.chat.completions.create({ model: 'vertex-flash', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-request-id': id } }).withResponse();
    expect(first.data.choices[0]!.message.content).toBe('Hi');
    const stream = await client.chat.completions.create({ model: 'vertex-flash', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    for await (const _chunk of stream) void _chunk;

    expect(upstream.requests.map((request) => request.path)).toEqual([
      '/v1/projects/proj-1/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent',
      '/v1/projects/proj-1/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
    for (const request of upstream.requests) {
      expect(request.headers.authorization).toBe('Bearer ya29.token-1');
      expect(request.headers['x-goog-api-key']).toBeUndefined();
    }
    expect(exchanges).toHaveLength(1);
    const exchange = exchanges[0]!;
    expect(exchange).toMatchObject({ path: '/token', grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', verified: true });
    expect(exchange.claims).toMatchObject({ iss: CLIENT_EMAIL, scope: 'https://www.googleapis.com/auth/cloud-platform', aud: `${tokens.url}/token` });
    expect(Number(exchange.claims!.exp) - Number(exchange.claims!.iat)).toBe(3600);
    // (1000 − 400) × 3e-7 + 400 × 3e-8 + 150 × 2.5e-6
    expect(first.response.headers.get('x-switchyard-response-cost')).toBe('0.000567');
  });

  it('a key the token endpoint cannot verify: 502 upstream_auth_failed, no private key in the answer, nothing sent upstream', async () => {
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'vertex-wrong-key', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe('upstream_auth_failed');
    expect(JSON.parse(text).error.message).toContain('Invalid JWT Signature');
    expect(text).not.toContain('PRIVATE KEY');
    expect(upstream.requests).toHaveLength(0);
  });

  it('embeds with text-embedding-005 through :predict: all inputs in one call, task_type and outputDimensionality mapped, tokens from the statistics, priced', async () => {
    upstream.handle((request, response) => {
      const predictions = request.body.instances.map((instance: { content: string }, index: number) => ({
        embeddings: { values: instance.content === 'alpha' ? [0.5, -0.25] : [1.5, 4], statistics: { token_count: 3 + index, truncated: false } },
      }));
      sendJson(response, 200, { predictions, metadata: { billableCharacterCount: 10 } });
      return true;
    });
    const { data, response } = await client.embeddings.create({ model: 'vertex-embed', input: ['alpha', 'beta'], dimensions: 2, input_type: 'RETRIEVAL_QUERY' } as OpenAI.EmbeddingCreateParams).withResponse();
    // The SDK asked for base64 and decoded it.
    expect(data.data.map((item) => item.embedding)).toEqual([
      [0.5, -0.25],
      [1.5, 4],
    ]);
    expect(data.usage).toMatchObject({ prompt_tokens: 7, total_tokens: 7 });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      path: '/v1/projects/proj-1/locations/europe-west4/publishers/google/models/text-embedding-005:predict',
      // This deployment's own token (each deployment exchanges its key once).
      headers: { authorization: expect.stringMatching(/^Bearer ya29\.token-\d+$/) },
      body: { instances: [{ content: 'alpha', task_type: 'RETRIEVAL_QUERY' }, { content: 'beta', task_type: 'RETRIEVAL_QUERY' }], parameters: { outputDimensionality: 2 } },
    });
    // 7 tokens × 1e-7 (vertex_ai/text-embedding-005)
    expect(response.headers.get('x-switchyard-response-cost')).toBe('0.0000007');
  });

  it('embeds with gemini-embedding-001 one input per :predict call, as Vertex requires, in order', async () => {
    upstream.handle((request, response) => {
      const content: string = request.body.instances[0].content;
      sendJson(response, 200, { predictions: [{ embeddings: { values: [content.length, 0.5], statistics: { token_count: 2 } } }] });
      return true;
    });
    const data = await client.embeddings.create({ model: 'vertex-gemini-embed', input: ['a', 'bbb', 'cc'], encoding_format: 'float' });
    expect(data.data.map((item) => item.embedding)).toEqual([
      [1, 0.5],
      [3, 0.5],
      [2, 0.5],
    ]);
    expect(data.usage.prompt_tokens).toBe(6);
    expect(upstream.requests.map((request) => request.body.instances)).toHaveLength(3);
    for (const request of upstream.requests) {
      expect(request.path).toBe('/v1/projects/proj-1/locations/europe-west4/publishers/google/models/gemini-embedding-001:predict');
      expect(request.body.instances).toHaveLength(1);
    }
  });

  it('passes a Vertex error on an embeddings call as an OpenAI-style error', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 429, { error: { code: 429, message: 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model', status: 'RESOURCE_EXHAUSTED' } });
      return true;
    });
    const refused = await client.embeddings.create({ model: 'vertex-embed', input: 'x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).message).toContain('Quota exceeded');
  });
});
