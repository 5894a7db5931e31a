export { gateway, type KoaGateway, type KoaGatewayOptions } from './gateway.js';
// Re-exported so a host needs one import for stages, errors and types.
export * from '@switchyard/core';
