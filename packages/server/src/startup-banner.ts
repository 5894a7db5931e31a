import type { Gateway } from '@switchyard/core';

/** What the proxy prints once listening: where it is, which models, how to call it. */
export function startupBanner(options: { host: string; port: number; gateway: Gateway }): string {
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const models = [...options.gateway.snapshot().targets.keys()];
  const offline = options.gateway.settings.deployments.find((deployment) => deployment.mockResponse !== undefined);
  const example = offline?.modelName ?? models[0] ?? 'your-model';
  const key = options.gateway.settings.masterKey === undefined ? 'anything' : '<your master_key>';
  const ui = options.gateway.settings.disableAdminUi ? '' : `Admin UI: ${base}/ui/ (sign in with the master key)\n`;
  return `Switchyard listening on ${base}
Models: ${models.length > 0 ? models.join(', ') : '(none configured)'}
${ui}
Try it:
  curl ${base}/v1/chat/completions \\
    -H 'content-type: application/json' -H 'authorization: Bearer ${key}' \\
    -d '{"model": "${example}", "messages": [{"role": "user", "content": "Hello"}]}'

  // with the openai SDK (npm i openai)
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${base}/v1', apiKey: '${key}' });
  const reply = await client.chat.completions.create({ model: '${example}', messages: [{ role: 'user', content: 'Hello' }] });
  console.log(reply.choices[0].message.content);

`;
}
