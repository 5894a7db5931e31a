// Runs the fake Acme service and an Express app with the gateway and the Acme plugin:
//   node examples/custom-provider/server.js
//   curl http://127.0.0.1:3002/llm/v1/chat/completions -H 'content-type: application/json' \
//     -d '{"model": "acme-small", "messages": [{"role": "user", "content": "hi"}]}'
import { once } from 'node:events';
import express from 'express';
import { gateway } from '@switchyard/express';
import { acme } from './acme-provider.js';
import { createFakeAcmeServer } from './fake-acme-server.js';

const acmeServer = createFakeAcmeServer().listen(0, '127.0.0.1');
await once(acmeServer, 'listening');
const apiBase = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (acmeServer.address()).port}`;

const app = express();
app.use(
  '/llm',
  gateway({
    providers: [acme()],
    config: { model_list: [{ model_name: 'acme-small', litellm_params: { model: 'acme/acme-small-v2', api_base: apiBase } }] },
  }),
);
const port = Number(process.env.PORT ?? 3002);
app.listen(port, '127.0.0.1', () => console.log(`gateway with the Acme plugin at http://127.0.0.1:${port}/llm/v1 (model acme-small)`));
