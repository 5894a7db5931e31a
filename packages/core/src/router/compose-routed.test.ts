import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { createGateway } from '../gateway/create-gateway.js';
import { silentLogger } from '../logging/logger.js';

const mock = (id: string) => ({ model_name: 'group', litellm_params: { model: 'openai/gpt-4o', mock_response: `from ${id}` }, model_info: { id } });
const request = () => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: {},
  body: { model: 'group', messages: [{ role: 'user', content: 'x' }] },
  signal: new AbortController().signal,
});

describe('the route stage in the pipeline', () => {
  it('sits between resolve and validate and runs the stages after it once per attempt', async () => {
    const seen: string[] = [];
    const gateway = createGateway({
      config: { model_list: [mock('a'), mock('b')], router_settings: { num_retries: 1 } },
      logger: silentLogger,
      random: () => 0,
      stages: [
        {
          name: 'flaky',
          after: 'route',
          run: (context, next) => {
            seen.push(context.target!.deployment.id);
            if (context.target!.deployment.id === 'a') throw new GatewayError('upstream_error', 'a is down', { status: 503 });
            return next();
          },
        },
      ],
    });
    expect(gateway.stageNames).toEqual(['requestId', 'auth', 'body', 'cost', 'resolve', 'limits', 'cache', 'route', 'flaky', 'validate', 'provider']);
    const response = await gateway.handle(request());
    expect(seen).toEqual(['a', 'b']);
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-deployment']).toBe('b');
    await gateway.close();
  });

  it('can be replaced by a host: its own stage picks the deployment', async () => {
    const gateway = createGateway({
      config: { model_list: [mock('a'), mock('b')] },
      logger: silentLogger,
      stages: [{ replace: 'route', run: (context, next) => ((context.target = context.targets![1]), next()) }],
    });
    const response = await gateway.handle(request());
    expect(response.kind === 'json' && (response.body as any).choices[0].message.content).toBe('from b');
    await gateway.close();
  });
});
