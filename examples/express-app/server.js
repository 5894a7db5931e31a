import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const { app } = createApp();
app.listen(port, '127.0.0.1', () => {
  console.log(`orders-service on http://127.0.0.1:${port} — gateway at http://127.0.0.1:${port}/llm/v1`);
});
