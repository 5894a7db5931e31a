export { createProxyServer, type ProxyServer } from './create-server.js';
export { main } from './cli.js';
