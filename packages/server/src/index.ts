export { createProxyServer, type ProxyServer } from './create-server.js';
export { main } from './cli.js';
export { startTracing, type Tracing, type TracingOptions } from './start-tracing.js';
